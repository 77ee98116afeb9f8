"""Refunds of Midtrans payments: QRIS and e-wallets through Midtrans, virtual accounts by hand."""

import json

import pytest
from django.db import transaction

from marketplace.orders.models import PaymentMethod
from marketplace.payments.midtrans_payments import start_midtrans_payment
from marketplace.payments.models import Refund, RefundStatus
from marketplace.payments.refund_processing import perform_refund
from marketplace.payments.refunds import request_refund
from tests.factories.payments import unpaid_order

pytestmark = pytest.mark.django_db


def paid(client, midtrans, method, channel):
    order = unpaid_order(payment_method=method)
    txn = start_midtrans_payment(order.pk, channel=channel)
    client.post(
        "/payments/midtrans/notification/",
        data=json.dumps(midtrans.set_status(str(txn.token), "settlement")),
        content_type="application/json",
    )
    return order, txn


def test_qris_refund_goes_through_midtrans(client, midtrans):
    order, txn = paid(client, midtrans, PaymentMethod.QRIS, "qris")
    with transaction.atomic():
        (refund,) = request_refund(order.pk, amount=9_000, reason="ongkir dikembalikan")
    assert perform_refund(refund.pk) == "succeeded"
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    at_midtrans = midtrans.transaction(str(txn.token))
    assert at_midtrans["transaction_status"] == "partial_refund"
    assert at_midtrans["refunds"][0]["refund_key"] == str(refund.token)
    txn.refresh_from_db()
    assert (txn.charged_value, txn.refunded_value) == (85_000, 9_000)
    # Midtrans' refund notification that follows changes nothing more
    body = midtrans.notification(str(txn.token))
    answer = client.post(
        "/payments/midtrans/notification/", data=json.dumps(body), content_type="application/json"
    ).json()
    assert answer["outcome"] == "ignored"
    txn.refresh_from_db()
    assert txn.refunded_value == 9_000


def test_virtual_account_refund_is_left_to_staff(client, midtrans):
    order, txn = paid(client, midtrans, PaymentMethod.VIRTUAL_ACCOUNT, "bri")
    with transaction.atomic():
        (refund,) = request_refund(order.pk, amount=9_000, reason="ongkir dikembalikan")
    assert refund.status == RefundStatus.MANUAL
    txn.refresh_from_db()
    assert txn.flagged_for_review
    assert Refund.objects.get().status == RefundStatus.MANUAL
    assert not any("/refund" in path for _m, path, _b in midtrans.state.requests)
