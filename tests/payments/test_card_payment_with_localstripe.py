"""The card flow against a real Stripe-compatible server (localstripe) with the official client."""

import pytest
import stripe

from marketplace.orders.models import OrderChargeStatus, OrderStatus
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import TransactionEventType, TransactionItem, TransactionStatus
from marketplace.payments.services import start_card_payment, sync_card_payment

pytestmark = pytest.mark.usefixtures("stripe_settings")


@pytest.fixture
def stripe_client(localstripe):
    return stripe.StripeClient(localstripe.api_key, base_addresses={"api": localstripe.url})


def test_starting_a_card_payment_creates_one_idr_payment_intent(card_order, stripe_client):
    # when
    txn = start_card_payment(card_order.pk)
    # then
    intent = stripe_client.v1.payment_intents.retrieve(txn.psp_reference)
    assert intent.amount == 9_400_000
    assert intent.currency == "idr"
    assert intent.metadata["transaction_token"] == str(txn.token)
    assert intent.client_secret == txn.client_secret
    assert txn.amount == 94_000
    assert txn.events.get().type == TransactionEventType.CHARGE_REQUEST


def test_reloading_the_page_reuses_the_payment_intent(card_order):
    first = start_card_payment(card_order.pk)
    second = start_card_payment(card_order.pk)
    assert second.pk == first.pk
    assert second.psp_reference == first.psp_reference
    assert TransactionItem.objects.filter(order=card_order).count() == 1


def test_order_is_paid_only_after_the_server_asks_stripe(card_order, stripe_client):
    txn = start_card_payment(card_order.pk)
    # the customer's card is not confirmed yet: asking Stripe changes nothing
    assert sync_card_payment(txn.pk) is None
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.UNCONFIRMED
    # the browser confirms with Stripe (Payment Element); the server then asks Stripe itself
    stripe_client.v1.payment_intents.update(
        txn.psp_reference, params={"payment_method": "pm_card_visa"}
    )
    stripe_client.v1.payment_intents.confirm(txn.psp_reference)
    outcome = sync_card_payment(txn.pk)
    assert outcome.outcome == "applied"
    card_order.refresh_from_db()
    txn.refresh_from_db()
    assert card_order.status == OrderStatus.UNFULFILLED
    assert card_order.charge_status == OrderChargeStatus.FULLY_CHARGED
    assert card_order.total_charged == 94_000
    assert (txn.status, txn.charged_value) == (TransactionStatus.CHARGED, 94_000)


def test_declined_card_leaves_the_order_unpaid(card_order, stripe_client):
    txn = start_card_payment(card_order.pk)
    stripe_client.v1.payment_intents.update(
        txn.psp_reference, params={"payment_method": "pm_card_chargeCustomerFail"}
    )
    with pytest.raises(stripe.CardError):
        stripe_client.v1.payment_intents.confirm(txn.psp_reference)
    assert sync_card_payment(txn.pk) is None
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.UNCONFIRMED
    assert card_order.total_charged == 0


def test_card_payment_for_a_bank_transfer_order_is_refused(bank_order):
    with pytest.raises(PaymentError) as error:
        start_card_payment(bank_order.pk)
    assert error.value.code == PaymentErrorCode.WRONG_PAYMENT_METHOD
    assert TransactionItem.objects.count() == 0


def test_unreachable_stripe_gives_a_clear_error(card_order, settings, payment_log):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    with pytest.raises(PaymentError) as error:
        start_card_payment(card_order.pk)
    assert error.value.code == PaymentErrorCode.GATEWAY_ERROR
    txn = TransactionItem.objects.get()
    assert txn.psp_reference == ""
    assert "card payment for order" in payment_log.text
