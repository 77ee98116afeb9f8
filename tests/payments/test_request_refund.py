"""Refunds: written pending in the caller's transaction, sent after commit, applied once."""

import pytest
import stripe

from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import OrderChargeStatus
from marketplace.orders.services import cancel_order
from marketplace.payments.bank_transfer import confirm_bank_transfer, start_bank_transfer
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import Refund, RefundStatus, TransactionEventType
from marketplace.payments.refund_processing import (
    RefundRetryLater,
    complete_manual_refund,
    perform_refund,
)
from marketplace.payments.refunds import request_refund
from marketplace.payments.services import start_card_payment, sync_card_payment
from marketplace.payments.tasks import perform_refund_task

pytestmark = pytest.mark.usefixtures("stripe_settings")


@pytest.fixture
def stripe_client(localstripe):
    return stripe.StripeClient(localstripe.api_key, base_addresses={"api": localstripe.url})


@pytest.fixture
def paid_card(card_order, stripe_client):
    """A card order paid at localstripe: (order, transaction)."""
    txn = start_card_payment(card_order.pk)
    stripe_client.v1.payment_intents.update(
        txn.psp_reference, params={"payment_method": "pm_card_visa"}
    )
    stripe_client.v1.payment_intents.confirm(txn.psp_reference)
    sync_card_payment(txn.pk)
    card_order.refresh_from_db()
    txn.refresh_from_db()
    return card_order, txn


def test_partial_refund_is_written_pending_and_sent_after_commit(
    paid_card, stripe_client, django_capture_on_commit_callbacks
):
    order, txn = paid_card
    # when
    with django_capture_on_commit_callbacks() as callbacks:
        [refund] = request_refund(order.pk, amount=30_000, reason="Kelompok menolak; stok habis")
    # then: nothing has gone to Stripe before commit
    assert refund.status == RefundStatus.PENDING
    assert stripe_client.v1.refunds.list(params={"payment_intent": txn.psp_reference}).data == []
    scheduled = [cb for cb in callbacks if getattr(cb, "func", None) == perform_refund_task.delay]
    assert [cb.args for cb in scheduled] == [(refund.pk,)]
    assert perform_refund(refund.pk) == "succeeded"
    refund.refresh_from_db()
    txn.refresh_from_db()
    order.refresh_from_db()
    [stripe_refund] = stripe_client.v1.refunds.list(
        params={"payment_intent": txn.psp_reference}
    ).data
    assert (stripe_refund.amount, stripe_refund.currency) == (3_000_000, "idr")
    assert (refund.status, refund.psp_reference) == (RefundStatus.SUCCEEDED, stripe_refund.id)
    assert (txn.charged_value, txn.refunded_value) == (64_000, 30_000)
    assert (order.total_refunded, order.charge_status) == (
        30_000,
        OrderChargeStatus.PARTIALLY_REFUNDED,
    )
    assert txn.events.filter(type=TransactionEventType.REFUND_SUCCESS, amount=30_000).count() == 1
    assert (
        OutboxMessage.objects.filter(event="payment_refunded", recipient=order.email).count() == 1
    )


def test_running_the_refund_twice_refunds_once(paid_card, stripe_client):
    order, txn = paid_card
    [refund] = request_refund(order.pk, amount=94_000, reason="Dibatalkan staf")
    assert perform_refund(refund.pk) == "succeeded"
    assert perform_refund(refund.pk) == "not pending"
    assert perform_refund_task.apply(args=[refund.pk]).get() == "not pending"
    assert (
        len(stripe_client.v1.refunds.list(params={"payment_intent": txn.psp_reference}).data) == 1
    )
    order.refresh_from_db()
    assert (order.total_refunded, order.charge_status) == (94_000, OrderChargeStatus.FULLY_REFUNDED)


def test_staff_cancel_of_a_paid_card_order_refunds_it_in_full(paid_card, bali_curator):
    order, txn = paid_card
    cancel_order(order.pk, actor=bali_curator, reason="Pembeli minta batal")
    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (94_000, RefundStatus.PENDING)
    perform_refund(refund.pk)
    order.refresh_from_db()
    assert order.charge_status == OrderChargeStatus.FULLY_REFUNDED
    assert order.total_refunded == 94_000


def test_refund_above_what_was_paid_is_refused(paid_card, stripe_client, payment_log):
    order, txn = paid_card
    request_refund(order.pk, amount=90_000, reason="Sebagian")
    with pytest.raises(PaymentError) as error:
        request_refund(order.pk, amount=4_001, reason="Terlalu banyak")
    assert error.value.code == PaymentErrorCode.OVER_REFUND
    assert Refund.objects.count() == 1
    assert stripe_client.v1.refunds.list(params={"payment_intent": txn.psp_reference}).data == []
    assert f"refund of 4001 for order #{order.number} refused" in payment_log.text


def test_refund_of_an_unpaid_order_is_refused(card_order):
    with pytest.raises(PaymentError) as error:
        request_refund(card_order.pk, amount=10_000, reason="Belum dibayar")
    assert error.value.code == PaymentErrorCode.OVER_REFUND
    assert Refund.objects.count() == 0


def test_zero_refund_writes_nothing(card_order):
    assert request_refund(card_order.pk, amount=0, reason="Tidak ada") == []
    assert Refund.objects.count() == 0


@pytest.mark.parametrize("amount", [-1, 2.5])
def test_invalid_refund_amount_is_refused(card_order, amount):
    with pytest.raises(PaymentError) as error:
        request_refund(card_order.pk, amount=amount, reason="x")
    assert error.value.code == PaymentErrorCode.INVALID_AMOUNT
    assert Refund.objects.count() == 0


def test_unreachable_stripe_leaves_the_refund_pending_for_a_retry(paid_card, settings, payment_log):
    order, txn = paid_card
    [refund] = request_refund(order.pk, amount=10_000, reason="Sebagian")
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    with pytest.raises(RefundRetryLater):
        perform_refund(refund.pk)
    refund.refresh_from_db()
    order.refresh_from_db()
    assert (refund.status, refund.attempts) == (RefundStatus.PENDING, 1)
    assert order.total_refunded == 0
    assert "will be retried" in payment_log.text


def test_bank_transfer_refund_waits_for_staff_to_transfer_it_back(bank_order, bali_curator):
    txn = start_bank_transfer(bank_order.pk)
    confirm_bank_transfer(txn.pk, actor=bali_curator, amount_received=txn.amount)
    [refund] = request_refund(bank_order.pk, amount=40_000, reason="Kelompok menolak")
    assert refund.status == RefundStatus.MANUAL
    assert perform_refund(refund.pk) == "not pending"
    txn.refresh_from_db()
    assert txn.flagged_for_review is True
    # when staff record the transfer back
    complete_manual_refund(refund.pk, actor=bali_curator, reference="BRI balik 77")
    refund.refresh_from_db()
    bank_order.refresh_from_db()
    assert (refund.status, refund.psp_reference, refund.completed_by) == (
        RefundStatus.SUCCEEDED,
        "BRI balik 77",
        bali_curator,
    )
    assert (bank_order.total_refunded, bank_order.charge_status) == (
        40_000,
        OrderChargeStatus.PARTIALLY_REFUNDED,
    )
    with pytest.raises(PaymentError) as error:
        complete_manual_refund(refund.pk, actor=bali_curator, reference="lagi")
    assert error.value.code == PaymentErrorCode.INVALID_STATUS
    bank_order.refresh_from_db()
    assert bank_order.total_refunded == 40_000
