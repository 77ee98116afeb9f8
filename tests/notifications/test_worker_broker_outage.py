"""Redis is down when an order is placed: the order stands, its notice goes out once later."""

import logging
from datetime import timedelta

import pytest
from django.conf import settings

from marketplace.checkout.services import add_lines, complete_checkout
from marketplace.notifications.dispatch import requeue_stuck
from marketplace.notifications.models import OutboxMessage, OutboxStatus
from marketplace.orders.models import Order, OrderStatus
from tests.factories.catalog import StockFactory
from tests.factories.checkout import CheckoutFactory

from .helpers import wait_all_sent, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_an_order_placed_while_redis_is_down_succeeds_and_its_notice_is_sent_once(
    celery_worker_factory, redis_server, smtp_server, caplog
):
    stock = StockFactory(quantity=5, variant__price=25_000, variant__product__name="Sabun Sereh")
    checkout = CheckoutFactory(email="pembeli@example.id")
    add_lines(checkout.pk, [(stock.variant_id, 2)])
    worker = celery_worker_factory(
        env={"EMAIL_URL": smtp_server.url}, broker_url=redis_server.url, started=False
    )
    redis_server.stop()

    with caplog.at_level(logging.ERROR, logger="marketplace.notifications"):
        order = complete_checkout(checkout.pk)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.UNCONFIRMED
    stock.refresh_from_db()
    assert stock.quantity_allocated == 2
    (row,) = OutboxMessage.objects.all()
    assert (row.event, row.recipient, row.status, row.attempts) == (
        "order_placed",
        "pembeli@example.id",
        OutboxStatus.PENDING,
        0,
    )
    assert "stay pending for the re-dispatch" in caplog.text

    redis_server.start()
    worker.start()
    stuck_after = timedelta(minutes=settings.NOTIFICATION_STUCK_AFTER_MINUTES, seconds=1)
    assert requeue_stuck(now=row.next_attempt_at + stuck_after) == [row.pk]

    (sent,) = wait_all_sent(count=1)
    mails = smtp_server.wait_for(1)
    wait_until(lambda: " succeeded in " in worker.log(), what="task finished")
    assert requeue_stuck() == []
    assert len(smtp_server.received()) == 1
    assert mails[0].rcpt_tos == ["pembeli@example.id"]
    assert f"#{order.number}" in mails[0].subject
    assert "Sabun Sereh" in mails[0].text
    assert "Rp 50.000" in mails[0].text
    assert sent.attempts == 1
