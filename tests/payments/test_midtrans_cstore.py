"""Convenience-store payment codes (Indomaret, Alfamart) through Midtrans' ``cstore`` type:
the code and the steps shown, the payment applied once, refunds left to staff."""

import json

import pytest
from django.db import transaction

from marketplace.checkout.payment_methods import method_available
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.payments.midtrans_payments import start_midtrans_payment
from marketplace.payments.models import (
    ProviderEvent,
    RefundStatus,
    TransactionEventType,
    TransactionStatus,
    WebhookOutcome,
)
from marketplace.payments.refunds import request_refund
from tests.factories.payments import unpaid_order

pytestmark = pytest.mark.django_db

URL = "/payments/midtrans/notification/"


def post(client, body):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("store", ["indomaret", "alfamart"])
def test_cstore_charge_keeps_the_payment_code(midtrans, store):
    order = unpaid_order(payment_method=PaymentMethod.CSTORE)
    txn = start_midtrans_payment(order.pk, channel=store)
    sent = midtrans.state.requests[-1][2]
    assert sent["payment_type"] == "cstore"
    assert sent["cstore"]["store"] == store
    code = midtrans.transaction(str(txn.token))["payment_code"]
    assert txn.action == {"kind": "cstore", "store": store, "payment_code": code}
    assert txn.expires_at is not None and txn.status == TransactionStatus.PENDING


def test_cstore_page_shows_the_code_and_the_steps(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.CSTORE)
    response = client.post(f"/payments/order/{order.token}/online/", {"channel": "indomaret"})
    assert response.status_code == 302
    html = client.get(f"/payments/order/{order.token}/").content.decode()
    code = order.payment_transactions.get().action["payment_code"]
    assert f'id="cstore-code">{code}<' in html
    assert "Di kasir Indomaret" in html
    assert f"Tunjukkan kode pembayaran {code} ke kasir." in html
    assert 'id="countdown"' in html


def test_cstore_settlement_is_applied_once(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.CSTORE)
    txn = start_midtrans_payment(order.pk, channel="alfamart")
    body = midtrans.set_status(str(txn.token), "settlement")
    assert post(client, body).json()["outcome"] == WebhookOutcome.APPLIED
    replay = post(client, body).json()
    assert replay["duplicate"] is True
    assert txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    order.refresh_from_db()
    assert (order.status, order.total_charged) == (OrderStatus.UNFULFILLED, 94_000)
    assert ProviderEvent.objects.count() == 1


def test_cstore_expiry_cancels_the_order(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.CSTORE)
    txn = start_midtrans_payment(order.pk, channel="indomaret")
    post(client, midtrans.set_status(str(txn.token), "expire"))
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELED


def test_cstore_refund_is_left_to_staff(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.CSTORE)
    txn = start_midtrans_payment(order.pk, channel="indomaret")
    post(client, midtrans.set_status(str(txn.token), "settlement"))
    with transaction.atomic():
        (refund,) = request_refund(order.pk, amount=9_000, reason="ongkir dikembalikan")
    assert refund.status == RefundStatus.MANUAL
    assert not any("/refund" in path for _m, path, _b in midtrans.state.requests)


def test_cstore_offered_only_when_a_store_is_switched_on(settings, midtrans):
    assert method_available(PaymentMethod.CSTORE)
    settings.MIDTRANS_CHANNELS = ["qris"]
    assert not method_available(PaymentMethod.CSTORE)
