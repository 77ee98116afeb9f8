"""Stripe through Saleor's transaction API, under the Stripe app's gateway id, against
localstripe with the official client: a real PaymentIntent's client secret for the Payment
Element, and the order paid only once the server has asked Stripe."""

import pytest
import stripe
from graphql_relay import to_global_id

from marketplace.orders.models import Order, OrderChargeStatus, OrderStatus, PaymentMethod
from marketplace.payments.models import TransactionItem, TransactionStatus
from tests.factories.checkout import checkout_global_id
from tests.fixtures.stripe import PUBLISHABLE_KEY

from .checkout_flow import (
    CHECKOUT,
    COMPLETE,
    GATEWAYS_INITIALIZE,
    ORDER,
    TRANSACTION_INITIALIZE,
    TRANSACTION_PROCESS,
    two_group_checkout,
)

pytestmark = pytest.mark.usefixtures("stripe_settings")

STRIPE = {"id": "saleor.app.payment.stripe", "data": {"paymentIntent": {"paymentMethod": "card"}}}


@pytest.fixture
def stripe_client(localstripe):
    return stripe.StripeClient(localstripe.api_key, base_addresses={"api": localstripe.url})


def test_stripe_is_offered_with_its_publishable_key(api):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)

    shown = api.execute(CHECKOUT, {"id": checkout_id})["checkout"]
    configs = api.execute(
        GATEWAYS_INITIALIZE, {"id": checkout_id, "gateways": [{"id": STRIPE["id"]}]}
    )["paymentGatewayInitialize"]

    assert [g["id"] for g in shown["availablePaymentGateways"]] == [
        "pasar.payments.bank_transfer",
        "saleor.app.payment.stripe",
    ]
    assert configs["gatewayConfigs"] == [
        {"id": STRIPE["id"], "data": {"stripePublishableKey": PUBLISHABLE_KEY}, "errors": []}
    ]


def test_initializing_returns_a_real_payment_intents_client_secret(api, stripe_client):
    checkout = two_group_checkout()

    result = api.execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": STRIPE}
    )["transactionInitialize"]

    order = Order.objects.get()
    txn = TransactionItem.objects.get()
    intent = stripe_client.v1.payment_intents.retrieve(txn.psp_reference)
    assert result["errors"] == []
    assert result["data"]["paymentIntent"]["stripeClientSecret"] == intent.client_secret
    assert intent.amount == order.total * 100
    assert intent.currency == "idr"
    assert order.payment_method == PaymentMethod.CARD
    assert result["transaction"]["pspReference"] == intent.id
    assert result["transactionEvent"]["type"] == "CHARGE_REQUEST"


def test_the_order_is_paid_after_processing_asks_stripe(api, stripe_client):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)
    started = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": STRIPE})[
        "transactionInitialize"
    ]
    txn = TransactionItem.objects.get()

    before = api.execute(TRANSACTION_PROCESS, {"id": started["transaction"]["id"]})[
        "transactionProcess"
    ]
    # the browser confirms the card with Stripe (Payment Element)
    stripe_client.v1.payment_intents.update(
        txn.psp_reference, params={"payment_method": "pm_card_visa"}
    )
    stripe_client.v1.payment_intents.confirm(txn.psp_reference)
    after = api.execute(
        TRANSACTION_PROCESS, {"id": started["transaction"]["id"], "data": {"paid": True}}
    )["transactionProcess"]
    completed = api.execute(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    order_view = api.execute(ORDER, {"id": to_global_id("Order", str(checkout.token))})["order"]

    order = Order.objects.get()
    txn.refresh_from_db()
    assert before["errors"] == []
    assert before["transactionEvent"]["type"] == "CHARGE_REQUEST"
    assert after["errors"] == []
    assert after["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert after["transaction"]["chargedAmount"] == {"amount": order.total}
    assert completed["order"]["number"] == str(order.number)
    assert (order.status, order.charge_status) == (
        OrderStatus.UNFULFILLED,
        OrderChargeStatus.FULLY_CHARGED,
    )
    assert txn.status == TransactionStatus.CHARGED
    assert order_view["isPaid"] is True
    assert order_view["totalCaptured"] == {"amount": order.total}
    assert order_view["transactions"][0]["pspReference"] == txn.psp_reference


def test_a_client_claiming_success_does_not_pay_the_order(api):
    checkout = two_group_checkout()
    started = api.execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": STRIPE}
    )["transactionInitialize"]

    api.execute(
        TRANSACTION_PROCESS,
        {"id": started["transaction"]["id"], "data": {"status": "succeeded"}},
    )

    assert Order.objects.get().status == OrderStatus.UNCONFIRMED
    assert TransactionItem.objects.get().status == TransactionStatus.PENDING


def test_retrying_reuses_the_payment_intent(api):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)

    first = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": STRIPE})
    second = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": STRIPE})

    assert second["transactionInitialize"]["data"] == first["transactionInitialize"]["data"]
    assert TransactionItem.objects.count() == 1
