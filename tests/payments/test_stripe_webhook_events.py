"""Signed events are applied once: replays, duplicates and late events change nothing."""

import pytest

from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import OrderChargeStatus, OrderStatus
from marketplace.payments.models import (
    ProviderEvent,
    Refund,
    RefundStatus,
    TransactionEventType,
    TransactionStatus,
    WebhookOutcome,
)
from tests.factories.payments import (
    TransactionItemFactory,
    payment_intent_object,
    signed_post,
    stripe_event,
)

pytestmark = pytest.mark.usefixtures("stripe_settings")


@pytest.fixture
def txn(card_order):
    return TransactionItemFactory(order=card_order)


def test_payment_intent_succeeded_marks_the_order_paid(client, txn):
    # when
    response = signed_post(
        client, stripe_event("payment_intent.succeeded", payment_intent_object(txn))
    )
    # then
    assert response.status_code == 200
    assert response.json()["outcome"] == "applied"
    txn.refresh_from_db()
    order = txn.order
    order.refresh_from_db()
    assert txn.status == TransactionStatus.CHARGED
    assert txn.charged_value == 94_000
    assert order.status == OrderStatus.UNFULFILLED
    assert order.charge_status == OrderChargeStatus.FULLY_CHARGED
    assert order.total_charged == 94_000
    event = txn.events.get(type=TransactionEventType.CHARGE_SUCCESS)
    assert event.amount == 94_000
    assert event.psp_reference == txn.psp_reference
    assert event.raw_payload["type"] == "payment_intent.succeeded"
    assert (
        OutboxMessage.objects.filter(event="payment_confirmed", recipient=order.email).count() == 1
    )


def test_replayed_event_changes_nothing(client, txn, payment_log):
    event = stripe_event("payment_intent.succeeded", payment_intent_object(txn))
    signed_post(client, event)
    outbox_count = OutboxMessage.objects.count()
    # when
    response = signed_post(client, event)
    # then
    assert response.status_code == 200
    assert response.json()["duplicate"] is True
    assert ProviderEvent.objects.filter(event_id=event["id"]).count() == 1
    assert txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    txn.order.refresh_from_db()
    assert txn.order.total_charged == 94_000
    assert OutboxMessage.objects.count() == outbox_count
    assert f"{event['id']} (payment_intent.succeeded) already processed" in payment_log.text


def test_same_success_under_a_new_event_id_changes_nothing(client, txn):
    signed_post(client, stripe_event("payment_intent.succeeded", payment_intent_object(txn)))
    outbox_count = OutboxMessage.objects.count()
    response = signed_post(
        client, stripe_event("payment_intent.succeeded", payment_intent_object(txn))
    )
    assert response.json()["outcome"] == WebhookOutcome.IGNORED
    assert txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    txn.order.refresh_from_db()
    assert txn.order.total_charged == 94_000
    assert OutboxMessage.objects.count() == outbox_count


def test_failure_arriving_after_success_changes_nothing(client, txn):
    signed_post(client, stripe_event("payment_intent.succeeded", payment_intent_object(txn)))
    late = stripe_event(
        "payment_intent.payment_failed",
        payment_intent_object(txn, status="requires_payment_method"),
        created=1,
    )
    response = signed_post(client, late)
    assert response.json()["outcome"] == WebhookOutcome.IGNORED
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.CHARGED
    assert not txn.events.filter(type=TransactionEventType.CHARGE_FAILURE).exists()


def test_cancel_arriving_after_success_changes_nothing(client, txn):
    signed_post(client, stripe_event("payment_intent.succeeded", payment_intent_object(txn)))
    response = signed_post(
        client,
        stripe_event("payment_intent.canceled", payment_intent_object(txn, status="canceled")),
    )
    assert response.json()["outcome"] == WebhookOutcome.IGNORED
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.CHARGED
    assert txn.canceled_value == 0


def test_declined_card_is_recorded_and_the_order_stays_payable(client, txn):
    response = signed_post(
        client,
        stripe_event(
            "payment_intent.payment_failed",
            payment_intent_object(txn, status="requires_payment_method"),
        ),
    )
    assert response.json()["outcome"] == WebhookOutcome.APPLIED
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.PENDING
    assert txn.message == "Your card was declined."
    assert (
        txn.events.get(type=TransactionEventType.CHARGE_FAILURE).message
        == "Your card was declined."
    )
    txn.order.refresh_from_db()
    assert txn.order.status == OrderStatus.UNCONFIRMED


def test_amount_mismatch_is_refused_and_flagged(client, txn, bali_curator, payment_log):
    response = signed_post(
        client, stripe_event("payment_intent.succeeded", payment_intent_object(txn, amount=100_000))
    )
    assert response.status_code == 200
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    txn.refresh_from_db()
    txn.order.refresh_from_db()
    assert txn.status == TransactionStatus.PENDING
    assert txn.charged_value == 0
    assert txn.flagged_for_review is True
    assert (
        txn.flag_reason
        == "Jumlah atau mata uang tidak cocok: seharusnya 94000 IDR, diterima 1000 IDR."
    )
    assert txn.order.status == OrderStatus.UNCONFIRMED
    assert txn.order.total_charged == 0
    assert not OutboxMessage.objects.filter(event="payment_confirmed").exists()
    flagged = OutboxMessage.objects.filter(event="payment_flagged")
    assert list(flagged.values_list("recipient", flat=True)) == [bali_curator.email]
    assert "payment flagged for staff" in payment_log.text


def test_fraction_of_a_rupiah_is_refused_and_flagged(client, txn):
    response = signed_post(
        client,
        stripe_event(
            "payment_intent.succeeded", payment_intent_object(txn, amount=txn.amount * 100 + 50)
        ),
    )
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.PENDING
    assert txn.flagged_for_review is True


def test_currency_mismatch_is_refused_and_flagged(client, txn, payment_log):
    response = signed_post(
        client, stripe_event("payment_intent.succeeded", payment_intent_object(txn, currency="usd"))
    )
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    txn.refresh_from_db()
    txn.order.refresh_from_db()
    assert txn.status == TransactionStatus.PENDING
    assert txn.flagged_for_review is True
    assert (
        txn.flag_reason
        == "Jumlah atau mata uang tidak cocok: seharusnya 94000 IDR, diterima 94000 USD."
    )
    assert txn.order.status == OrderStatus.UNCONFIRMED
    assert "refused" in payment_log.text


def test_event_for_an_unknown_payment_is_stored_and_refused(client, txn, payment_log):
    obj = payment_intent_object(txn)
    obj["id"] = "pi_not_ours"
    obj["metadata"] = {}
    response = signed_post(client, stripe_event("payment_intent.succeeded", obj))
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    assert ProviderEvent.objects.get().outcome == WebhookOutcome.REFUSED
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.PENDING
    assert "no payment of ours matches" in payment_log.text


def test_success_for_an_order_already_paid_is_recorded_and_flagged_for_refund(
    client, txn, payment_log
):
    signed_post(client, stripe_event("payment_intent.succeeded", payment_intent_object(txn)))
    second = TransactionItemFactory(order=txn.order)
    response = signed_post(
        client, stripe_event("payment_intent.succeeded", payment_intent_object(second))
    )
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    second.refresh_from_db()
    assert second.status == TransactionStatus.CHARGED
    assert second.flagged_for_review is True
    assert "kembalikan kepada pembeli" in second.flag_reason
    txn.order.refresh_from_db()
    assert txn.order.total_charged == 94_000
    assert f"payment flagged for staff: order #{txn.order.number}" in payment_log.text


def test_refund_made_in_the_stripe_dashboard_is_recorded(client, txn):
    signed_post(client, stripe_event("payment_intent.succeeded", payment_intent_object(txn)))
    charge = {
        "id": "ch_test1",
        "object": "charge",
        "amount": 9_400_000,
        "amount_refunded": 3_000_000,
        "currency": "idr",
        "payment_intent": txn.psp_reference,
        "refunds": {
            "object": "list",
            "data": [
                {
                    "id": "re_dashboard1",
                    "object": "refund",
                    "amount": 3_000_000,
                    "currency": "idr",
                    "payment_intent": txn.psp_reference,
                    "status": "succeeded",
                    "metadata": {},
                }
            ],
        },
    }
    event = stripe_event("charge.refunded", charge)
    response = signed_post(client, event)
    assert response.json()["outcome"] == WebhookOutcome.APPLIED
    refund = Refund.objects.get()
    assert (refund.amount, refund.status, refund.psp_reference) == (
        30_000,
        RefundStatus.SUCCEEDED,
        "re_dashboard1",
    )
    txn.refresh_from_db()
    assert (txn.charged_value, txn.refunded_value) == (64_000, 30_000)
    txn.order.refresh_from_db()
    assert txn.order.total_refunded == 30_000
    assert txn.order.charge_status == OrderChargeStatus.PARTIALLY_REFUNDED
    # the same refund reported again (another event id) changes nothing
    response = signed_post(client, stripe_event("charge.refunded", charge))
    assert response.json()["outcome"] == WebhookOutcome.IGNORED
    txn.order.refresh_from_db()
    assert txn.order.total_refunded == 30_000
    assert Refund.objects.count() == 1


def test_unused_event_type_is_stored_as_ignored(client, txn):
    event = stripe_event("customer.created", {"id": "cus_1", "object": "customer"})
    response = signed_post(client, event)
    assert response.json()["outcome"] == WebhookOutcome.IGNORED
    assert ProviderEvent.objects.get(event_id=event["id"]).outcome == WebhookOutcome.IGNORED
