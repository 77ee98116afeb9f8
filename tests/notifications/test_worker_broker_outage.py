"""Redis is down when a change commits: the change stands, the notice goes out once later."""

import logging
from datetime import timedelta

import pytest
from django.conf import settings

from marketplace.catalog.models import ProductStatus
from marketplace.curation.services import approve_product
from marketplace.notifications.dispatch import requeue_stuck
from marketplace.notifications.models import OutboxMessage, OutboxStatus
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.notifications import member, national_admin

from .helpers import wait_all_sent, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_change_committed_while_redis_is_down_succeeds_and_its_notice_is_sent_once(
    celery_worker_factory, redis_server, smtp_server, caplog
):
    product = ProductFactory(status=ProductStatus.SUBMITTED, name="Tas Anyaman Ate")
    ProductVariantFactory(product=product)
    ketua = member(product.group, email=True)
    curator = national_admin()
    worker = celery_worker_factory(
        env={"EMAIL_URL": smtp_server.url}, broker_url=redis_server.url, started=False
    )
    redis_server.stop()

    with caplog.at_level(logging.ERROR, logger="marketplace.notifications"):
        approved = approve_product(product.pk, actor=curator)

    assert approved.status == ProductStatus.APPROVED
    product.refresh_from_db()
    assert product.status == ProductStatus.APPROVED
    (row,) = OutboxMessage.objects.all()
    assert (row.event, row.recipient, row.status, row.attempts) == (
        "product_approved",
        ketua.user.email,
        OutboxStatus.PENDING,
        0,
    )
    assert "stay pending for the re-dispatch" in caplog.text

    redis_server.start()
    worker.start()
    stuck_after = settings.NOTIFICATION_STUCK_AFTER_MINUTES
    later = row.next_attempt_at + timedelta(minutes=stuck_after, seconds=1)
    assert requeue_stuck(now=later) == [row.pk]

    (sent,) = wait_all_sent(count=1)
    mails = smtp_server.wait_for(1)
    wait_until(lambda: "succeeded" in worker.log(), what="task finished")
    assert requeue_stuck() == []
    assert len(smtp_server.received()) == 1
    assert mails[0].rcpt_tos == [ketua.user.email]
    assert "Tas Anyaman Ate" in mails[0].text
    assert sent.attempts == 1
