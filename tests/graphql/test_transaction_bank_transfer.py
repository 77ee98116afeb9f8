"""Paying a cart by bank transfer through Saleor's transaction API."""

from graphql_relay import to_global_id

from marketplace.catalog.models import Stock
from marketplace.checkout.models import Checkout
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.payments.models import TransactionItem
from tests.factories.accounts import UserFactory
from tests.factories.checkout import checkout_global_id

from .checkout_flow import (
    CHECKOUT,
    COMPLETE,
    GATEWAYS_INITIALIZE,
    ORDER,
    TRANSACTION_INITIALIZE,
    TRANSACTION_PROCESS,
    two_group_checkout,
)

BANK = {"id": "pasar.payments.bank_transfer"}


def test_the_checkout_lists_bank_transfer_and_its_account(api, settings):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)

    shown = api.execute(CHECKOUT, {"id": checkout_id})["checkout"]
    configs = api.execute(GATEWAYS_INITIALIZE, {"id": checkout_id})["paymentGatewayInitialize"]

    assert [g["id"] for g in shown["availablePaymentGateways"]] == ["pasar.payments.bank_transfer"]
    assert configs["errors"] == []
    assert configs["gatewayConfigs"] == [
        {
            "id": "pasar.payments.bank_transfer",
            "data": {
                "bankName": settings.BANK_TRANSFER_BANK_NAME,
                "accountNumber": settings.BANK_TRANSFER_ACCOUNT_NUMBER,
                "accountHolder": settings.BANK_TRANSFER_ACCOUNT_HOLDER,
            },
            "errors": [],
        }
    ]


def test_an_unavailable_gateway_gets_a_config_error(api):
    checkout = two_group_checkout()

    configs = api.execute(
        GATEWAYS_INITIALIZE,
        {"id": checkout_global_id(checkout), "gateways": [{"id": "saleor.app.payment.stripe"}]},
    )["paymentGatewayInitialize"]

    (config,) = configs["gatewayConfigs"]
    assert config["data"] is None
    assert [e["code"] for e in config["errors"]] == ["NOT_FOUND"]


def test_initializing_places_the_order_and_returns_the_unique_amount(api, settings):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)
    total = api.execute(CHECKOUT, {"id": checkout_id})["checkout"]["totalPrice"]["gross"]["amount"]

    result = api.execute(
        TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": BANK, "amount": total}
    )["transactionInitialize"]

    order = Order.objects.get()
    txn = TransactionItem.objects.get()
    transfer = result["data"]["bankTransfer"]
    assert result["errors"] == []
    assert order.token == checkout.token
    assert order.total == total
    assert order.payment_method == PaymentMethod.BANK_TRANSFER
    assert 1 <= txn.unique_code <= 999
    assert transfer["amount"] == total + txn.unique_code == txn.amount
    assert transfer["uniqueCode"] == txn.unique_code
    assert transfer["orderTotal"] == total
    assert transfer["accountNumber"] == settings.BANK_TRANSFER_ACCOUNT_NUMBER
    assert f"#{order.number}" in transfer["instructions"]
    assert result["transaction"]["id"] == to_global_id("TransactionItem", str(txn.token))
    assert result["transaction"]["chargePendingAmount"] == {"amount": txn.amount}
    assert result["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    assert not Checkout.objects.exists()
    assert OutboxMessage.objects.filter(event="order_placed").count() == 1
    assert sum(Stock.objects.values_list("quantity_allocated", flat=True)) == 3


def test_retrying_and_completing_find_the_same_order_and_the_same_code(api):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)
    first = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": BANK})[
        "transactionInitialize"
    ]

    again = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": BANK})[
        "transactionInitialize"
    ]
    processed = api.execute(TRANSACTION_PROCESS, {"id": first["transaction"]["id"]})[
        "transactionProcess"
    ]
    completed = api.execute(COMPLETE, {"id": checkout_id})["checkoutComplete"]

    order = Order.objects.get()
    assert again["errors"] == []
    assert again["data"] == first["data"]
    assert TransactionItem.objects.count() == 1
    assert processed["errors"] == []
    assert processed["data"] == first["data"]
    assert completed["errors"] == []
    assert completed["order"]["number"] == str(order.number)
    assert order.status == OrderStatus.UNCONFIRMED
    assert OutboxMessage.objects.filter(event="order_placed").count() == 1


def test_the_order_shows_the_transfer_amount_and_instructions(api, settings):
    checkout = two_group_checkout()
    api.execute(TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": BANK})

    order = api.execute(ORDER, {"id": to_global_id("Order", str(checkout.token))})["order"]

    txn = TransactionItem.objects.get()
    (shown,) = order["transactions"]
    metadata = {m["key"]: m["value"] for m in shown["metadata"]}
    assert order["channel"] == {"slug": "default-channel"}
    assert order["isPaid"] is False
    assert order["totalCaptured"] == {"amount": 0.0}
    assert metadata == {
        "bankName": settings.BANK_TRANSFER_BANK_NAME,
        "accountNumber": settings.BANK_TRANSFER_ACCOUNT_NUMBER,
        "accountHolder": settings.BANK_TRANSFER_ACCOUNT_HOLDER,
        "amount": str(txn.amount),
        "uniqueCode": str(txn.unique_code),
    }
    assert "Rp" in shown["message"] and str(txn.unique_code) in shown["message"]
    assert [e["type"] for e in shown["events"]] == ["CHARGE_ACTION_REQUIRED"]


def test_a_wrong_amount_is_refused_and_nothing_is_placed(api):
    checkout = two_group_checkout()

    result = api.execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": BANK, "amount": 1}
    )["transactionInitialize"]

    assert [(e["code"], e["field"]) for e in result["errors"]] == [("INVALID", "amount")]
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    assert not Order.objects.exists()
    assert not TransactionItem.objects.exists()


def test_another_customers_checkout_is_not_found_and_nothing_changes(api):
    owner = UserFactory()
    checkout = two_group_checkout(user=owner)

    result = api.login(UserFactory()).execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": BANK}
    )["transactionInitialize"]
    anonymous = type(api)().execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": BANK}
    )["transactionInitialize"]

    assert [(e["code"], e["field"]) for e in result["errors"]] == [("NOT_FOUND", "id")]
    assert [e["code"] for e in anonymous["errors"]] == ["NOT_FOUND"]
    assert Checkout.objects.get(pk=checkout.pk).user == owner
    assert not Order.objects.exists()
    assert not TransactionItem.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_another_customers_transaction_is_not_found(api):
    owner = UserFactory()
    checkout = two_group_checkout(user=owner)
    started = api.login(owner).execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": BANK}
    )["transactionInitialize"]

    other = type(api)().login(UserFactory())
    processed = other.execute(TRANSACTION_PROCESS, {"id": started["transaction"]["id"]})[
        "transactionProcess"
    ]
    again = other.execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": BANK}
    )["transactionInitialize"]

    assert started["errors"] == []
    assert [e["code"] for e in processed["errors"]] == ["NOT_FOUND"]
    assert processed["data"] is None
    assert [e["code"] for e in again["errors"]] == ["NOT_FOUND"]
    assert TransactionItem.objects.count() == 1


def test_an_incomplete_cart_is_refused_with_the_reason(api):
    checkout = Checkout.objects.create(email="putu@example.id")

    result = api.execute(
        TRANSACTION_INITIALIZE, {"id": checkout_global_id(checkout), "gateway": BANK}
    )["transactionInitialize"]

    assert [e["code"] for e in result["errors"]] == ["INVALID"]
    assert result["errors"][0]["message"] == "Your cart is empty."
    assert not Order.objects.exists()


def test_authorization_is_refused(api):
    checkout = two_group_checkout()

    result = api.execute(
        TRANSACTION_INITIALIZE,
        {"id": checkout_global_id(checkout), "gateway": BANK, "action": "AUTHORIZATION"},
    )["transactionInitialize"]

    assert [(e["code"], e["field"]) for e in result["errors"]] == [("INVALID", "action")]
    assert not Order.objects.exists()
