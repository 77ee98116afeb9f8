"""Xendit's QRIS, virtual account and e-wallet payments on the payment page and through
Saleor's transaction mutations."""

import pytest

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.payments.models import TransactionGateway, TransactionItem
from tests.factories.checkout import checkout_global_id
from tests.factories.payments import unpaid_order
from tests.graphql.checkout_flow import (
    CHECKOUT,
    TRANSACTION_INITIALIZE,
    TRANSACTION_PROCESS,
    two_group_checkout,
)

pytestmark = pytest.mark.django_db

DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
QRIS = {"id": "pasar.payments.xendit.qris"}


def test_qris_page_draws_the_qr_from_xendits_qr_string(client, xendit):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    response = client.get(f"/payments/order/{order.token}/", HTTP_USER_AGENT=DESKTOP)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="qris-code"' in html and "<svg" in html
    assert "Rp 94.000" in html and 'id="countdown" data-expires="' in html
    txn = TransactionItem.objects.get()
    assert txn.gateway == TransactionGateway.XENDIT
    assert xendit.payment_request(txn.psp_reference)["payment_method"]["type"] == "QR_CODE"


def test_virtual_account_page_shows_the_number_and_each_banks_steps(client, xendit):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    response = client.post(f"/payments/order/{order.token}/online/", {"channel": "bni"})
    assert response.status_code == 302
    html = client.get(f"/payments/order/{order.token}/").content.decode()
    number = TransactionItem.objects.get().action["va_number"]
    assert f'id="va-number">{number}<' in html
    assert "ATM BNI" in html and "Mobile banking" in html and "Internet banking" in html


def test_ewallet_page_offers_xendits_wallets(client, xendit):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    html = client.get(f"/payments/order/{order.token}/").content.decode()
    for name in ("OVO", "DANA", "ShopeePay", "LinkAja"):
        assert f"> {name}</label>" in html
    assert "GoPay" not in html  # a Midtrans channel: not offered while Xendit serves


def test_qris_xendit_gateway_listed_only_when_configured(api, settings, xendit):
    settings.MIDTRANS_SERVER_KEY = ""
    checkout = two_group_checkout()
    shown = api.execute(CHECKOUT, {"id": checkout_global_id(checkout)})["checkout"]
    ids = [g["id"] for g in shown["availablePaymentGateways"]]
    assert "pasar.payments.xendit.qris" in ids and "pasar.payments.xendit.ovo" in ids
    settings.XENDIT_SECRET_KEY = ""
    shown = api.execute(CHECKOUT, {"id": checkout_global_id(checkout)})["checkout"]
    assert [g["id"] for g in shown["availablePaymentGateways"]] == ["pasar.payments.bank_transfer"]


def test_qris_transaction_initialize_through_xendit_and_process(api, client, xendit):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)
    result = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": QRIS})[
        "transactionInitialize"
    ]
    assert result["errors"] == []
    order = Order.objects.get()
    assert order.payment_method == PaymentMethod.QRIS
    txn = TransactionItem.objects.get()
    data = result["data"]["xendit"]
    assert data["channel"] == "qris" and data["kind"] == "qr"
    qr = xendit.payment_request(txn.psp_reference)["payment_method"]["qr_code"]
    assert data["qrString"] == qr["channel_properties"]["qr_string"]
    assert data["amount"] == order.total
    assert not Checkout.objects.exists()
    # a retry reuses the order and the payment request
    again = api.execute(TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": QRIS})
    assert again["transactionInitialize"]["data"]["xendit"]["qrString"] == data["qrString"]
    assert TransactionItem.objects.count() == 1 and len(xendit.state.payment_requests) == 1
    # paid at Xendit: transactionProcess asks Xendit, then the callback changes nothing
    body = xendit.paid(txn.psp_reference)
    processed = api.execute(TRANSACTION_PROCESS, {"id": result["transaction"]["id"]})
    assert processed["transactionProcess"]["transaction"]["chargedAmount"]["amount"] == txn.amount
    assert Order.objects.get().status == OrderStatus.UNFULFILLED
    response = client.post(
        "/payments/xendit/callback/",
        data=body,
        content_type="application/json",
        HTTP_X_CALLBACK_TOKEN=xendit.callback_token,
    )
    assert response.json()["outcome"] == "ignored"


def test_ewallet_transaction_initialize_when_xendit_is_down_keeps_the_order(api, settings, xendit):
    checkout = two_group_checkout()
    settings.XENDIT_API_BASE_URL = "http://127.0.0.1:9"
    result = api.execute(
        TRANSACTION_INITIALIZE,
        {"id": checkout_global_id(checkout), "gateway": {"id": "pasar.payments.xendit.dana"}},
    )["transactionInitialize"]
    assert len(result["errors"]) == 1
    assert result["errors"][0]["message"].startswith("DANA is not available right now")
    assert Order.objects.get().status == OrderStatus.UNCONFIRMED
