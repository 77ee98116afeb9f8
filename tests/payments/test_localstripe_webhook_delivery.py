"""End to end: localstripe signs and posts payment_intent.succeeded to our running server."""

import time

import pytest
import stripe

from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.models import (
    ProviderEvent,
    TransactionItem,
    TransactionStatus,
    WebhookOutcome,
)
from marketplace.payments.services import start_card_payment
from tests.factories.payments import unpaid_order


def _wait_for(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_signed_event_from_localstripe_marks_the_order_paid(
    live_server, localstripe, stripe_settings
):
    localstripe.register_webhook(f"{live_server.url}/payments/stripe/webhook/")
    try:
        order = unpaid_order(payment_method="card")
        txn = start_card_payment(order.pk)
        client = stripe.StripeClient(localstripe.api_key, base_addresses={"api": localstripe.url})
        client.v1.payment_intents.update(
            txn.psp_reference, params={"payment_method": "pm_card_visa"}
        )
        # when the customer's card is confirmed at the provider
        client.v1.payment_intents.confirm(txn.psp_reference)
        # then the provider's signed event (about 1 s later) pays the order
        assert _wait_for(lambda: Order.objects.get(pk=order.pk).status == OrderStatus.UNFULFILLED)
        assert TransactionItem.objects.get(pk=txn.pk).status == TransactionStatus.CHARGED
        event = ProviderEvent.objects.get(type="payment_intent.succeeded")
        assert event.outcome == WebhookOutcome.APPLIED
        assert event.payload["data"]["object"]["id"] == txn.psp_reference
    finally:
        localstripe.unregister_webhook()
