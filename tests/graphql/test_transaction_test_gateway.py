"""Saleor's dummy gateway: off by default, refused with DEBUG off, and when on (tests, DEBUG)
it pays the order without money moving, as Saleor's storefront completes a test checkout."""

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order, OrderChargeStatus, OrderStatus
from marketplace.payments.models import TransactionGateway, TransactionItem
from tests.factories.checkout import checkout_global_id

from .checkout_flow import CHECKOUT, COMPLETE, TRANSACTION_INITIALIZE, two_group_checkout

DUMMY = {
    "id": "saleor.io.dummy-payment-app",
    "data": {"event": {"includePspReference": True, "type": "CHARGE_SUCCESS"}},
}


def _gateways(api, checkout):
    shown = api.execute(CHECKOUT, {"id": checkout_global_id(checkout)})["checkout"]
    return [g["id"] for g in shown["availablePaymentGateways"]]


def test_off_by_default_it_is_neither_offered_nor_accepted(api, settings):
    settings.DEBUG = True
    checkout = two_group_checkout()

    result = api.execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": DUMMY}
    )["transactionInitialize"]

    assert settings.PAYMENT_TEST_GATEWAY_ENABLED is False
    assert DUMMY["id"] not in _gateways(api, checkout)
    assert [(e["code"], e["field"]) for e in result["errors"]] == [("NOT_FOUND", "paymentGateway")]
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    assert not Order.objects.exists()


def test_refused_when_debug_is_off_even_if_switched_on(api, settings):
    settings.PAYMENT_TEST_GATEWAY_ENABLED = True
    settings.DEBUG = False
    checkout = two_group_checkout()

    result = api.execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": DUMMY}
    )["transactionInitialize"]

    assert DUMMY["id"] not in _gateways(api, checkout)
    assert [e["code"] for e in result["errors"]] == ["NOT_FOUND"]
    assert not Order.objects.exists()
    assert not TransactionItem.objects.exists()


def test_switched_on_in_debug_it_pays_the_order_and_complete_answers_it(api, settings):
    settings.PAYMENT_TEST_GATEWAY_ENABLED = True
    settings.DEBUG = True
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)
    offered = _gateways(api, checkout)

    result = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": DUMMY})[
        "transactionInitialize"
    ]
    completed = api.execute(COMPLETE, {"id": checkout_id})["checkoutComplete"]

    order = Order.objects.get()
    txn = TransactionItem.objects.get()
    assert offered == ["pasar.payments.bank_transfer", DUMMY["id"]]
    assert result["errors"] == []
    assert result["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert completed["errors"] == []
    assert completed["order"]["number"] == str(order.number)
    assert txn.gateway == TransactionGateway.TEST
    assert (txn.charged_value, order.total_charged) == (order.total, order.total)
    assert (order.status, order.charge_status) == (
        OrderStatus.UNFULFILLED,
        OrderChargeStatus.FULLY_CHARGED,
    )
