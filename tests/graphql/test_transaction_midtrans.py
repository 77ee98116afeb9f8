"""QRIS, virtual accounts and e-wallets through Saleor's transaction mutations (Midtrans)."""

import json

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.payments.models import TransactionItem
from tests.factories.checkout import checkout_global_id

from .checkout_flow import CHECKOUT, TRANSACTION_INITIALIZE, TRANSACTION_PROCESS, two_group_checkout

QRIS = {"id": "pasar.payments.midtrans.qris"}


def test_qris_gateway_listed_only_when_configured(api, settings, midtrans):
    checkout = two_group_checkout()
    shown = api.execute(CHECKOUT, {"id": checkout_global_id(checkout)})["checkout"]
    ids = [g["id"] for g in shown["availablePaymentGateways"]]
    assert "pasar.payments.midtrans.qris" in ids and "pasar.payments.midtrans.bca" in ids
    settings.MIDTRANS_SERVER_KEY = ""
    shown = api.execute(CHECKOUT, {"id": checkout_global_id(checkout)})["checkout"]
    assert [g["id"] for g in shown["availablePaymentGateways"]] == ["pasar.payments.bank_transfer"]


def test_qris_initialize_places_the_order_and_returns_the_qr_string(api, midtrans):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)
    result = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": QRIS})[
        "transactionInitialize"
    ]
    assert result["errors"] == []
    order = Order.objects.get()
    assert order.payment_method == PaymentMethod.QRIS
    txn = TransactionItem.objects.get()
    data = result["data"]["midtrans"]
    assert data["channel"] == "qris" and data["kind"] == "qr"
    assert data["qrString"] == midtrans.transaction(str(txn.token))["qr_string"]
    assert data["amount"] == order.total
    assert result["transaction"]["pspReference"] == txn.psp_reference
    assert not Checkout.objects.exists()
    # a retry with the same id reuses the order and the charge
    again = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": QRIS})[
        "transactionInitialize"
    ]
    assert again["errors"] == []
    assert again["data"]["midtrans"]["qrString"] == data["qrString"]
    assert TransactionItem.objects.count() == 1 and len(midtrans.state.transactions) == 1


def test_virtual_account_initialize_and_process_after_settlement(api, client, midtrans):
    checkout = two_group_checkout()
    result = api.execute(
        TRANSACTION_INITIALIZE,
        {"id": checkout_global_id(checkout), "gateway": {"id": "pasar.payments.midtrans.bni"}},
    )["transactionInitialize"]
    assert result["data"]["midtrans"]["kind"] == "va"
    assert result["data"]["midtrans"]["vaNumber"]
    txn = TransactionItem.objects.get()
    midtrans.set_status(str(txn.token), "settlement")
    processed = api.execute(TRANSACTION_PROCESS, {"id": result["transaction"]["id"]})[
        "transactionProcess"
    ]
    assert processed["errors"] == []
    assert processed["transaction"]["chargedAmount"]["amount"] == txn.amount
    assert Order.objects.get().status == OrderStatus.UNFULFILLED
    # Midtrans' own notification afterwards changes nothing
    answer = client.post(
        "/payments/midtrans/notification/",
        data=json.dumps(midtrans.notification(str(txn.token))),
        content_type="application/json",
    ).json()
    assert answer["outcome"] == "ignored"


def test_ewallet_initialize_when_midtrans_is_down_keeps_the_order(api, settings, midtrans):
    checkout = two_group_checkout()
    settings.MIDTRANS_API_BASE_URL = "http://127.0.0.1:9"
    result = api.execute(
        TRANSACTION_INITIALIZE,
        {"id": checkout_global_id(checkout), "gateway": {"id": "pasar.payments.midtrans.gopay"}},
    )["transactionInitialize"]
    assert len(result["errors"]) == 1
    assert result["errors"][0]["message"].startswith("GoPay is not available right now")
    order = Order.objects.get()
    assert order.status == OrderStatus.UNCONFIRMED  # payable another way
