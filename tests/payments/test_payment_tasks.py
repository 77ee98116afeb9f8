import base64
import json
from datetime import timedelta

import redis
import stripe
from django.conf import settings
from django.utils import timezone

from marketplace.orders.models import OrderStatus
from marketplace.payments.bank_transfer import start_bank_transfer
from marketplace.payments.models import Refund, RefundStatus, TransactionItem, TransactionStatus
from marketplace.payments.services import start_card_payment
from marketplace.payments.tasks import close_stale_transactions, requeue_stuck_refunds
from tests.factories.payments import TransactionItemFactory, unpaid_order


def test_open_transfers_of_canceled_orders_are_closed_and_free_their_amount(bank_order):
    txn = start_bank_transfer(bank_order.pk)
    live = start_bank_transfer(unpaid_order().pk)
    bank_order.status = OrderStatus.CANCELED
    bank_order.save(update_fields=["status"])
    assert close_stale_transactions() == 1
    txn.refresh_from_db()
    live.refresh_from_db()
    assert txn.status == TransactionStatus.CANCELED
    assert live.status == TransactionStatus.PENDING
    assert TransactionItem.objects.open_bank_transfers().filter(amount=txn.amount).count() == 0


def test_refunds_stuck_for_ten_minutes_are_sent_again(card_order):
    txn = TransactionItemFactory(
        order=card_order, status=TransactionStatus.CHARGED, charged_value=card_order.total
    )
    stuck = Refund.objects.create(
        order=card_order, transaction=txn, amount=1_000, reason="x", status=RefundStatus.PROCESSING
    )
    fresh = Refund.objects.create(
        order=card_order, transaction=txn, amount=1_000, reason="y", status=RefundStatus.PENDING
    )
    done = Refund.objects.create(
        order=card_order, transaction=txn, amount=1_000, reason="z", status=RefundStatus.SUCCEEDED
    )
    old = timezone.now() - timedelta(minutes=11)
    Refund.objects.filter(pk__in=[stuck.pk, done.pk]).update(updated_at=old)
    # when: the task publishes to the real broker (this test's Redis database)
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    broker.delete("celery")
    assert requeue_stuck_refunds() == 1
    # then
    published = [json.loads(raw) for raw in broker.lrange("celery", 0, -1)]
    broker.delete("celery")
    assert [m["headers"]["task"] for m in published] == [
        "marketplace.payments.tasks.perform_refund_task"
    ]
    assert [json.loads(base64.b64decode(m["body"]))[0] for m in published] == [[stuck.pk]]
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == RefundStatus.PENDING
    assert fresh.status == RefundStatus.PENDING


def test_open_card_payment_of_a_canceled_order_is_canceled_at_stripe(
    card_order, stripe_settings, localstripe
):
    txn = start_card_payment(card_order.pk)
    card_order.status = OrderStatus.CANCELED
    card_order.save(update_fields=["status"])
    # when
    assert close_stale_transactions() == 1
    # then
    txn.refresh_from_db()
    assert (txn.status, txn.canceled_value) == (TransactionStatus.CANCELED, 94_000)
    client = stripe.StripeClient(localstripe.api_key, base_addresses={"api": localstripe.url})
    assert client.v1.payment_intents.retrieve(txn.psp_reference).status == "canceled"
    assert close_stale_transactions() == 0
