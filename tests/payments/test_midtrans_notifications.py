"""Midtrans HTTP notifications: signature verified, each status applied exactly once."""

import json
import threading

import pytest
from django.db import connection

from marketplace.catalog.models import Stock
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Order, OrderChargeStatus, OrderStatus, PaymentMethod
from marketplace.orders.services import expire_unpaid_orders
from marketplace.payments.midtrans_payments import start_midtrans_payment
from marketplace.payments.models import (
    ProviderEvent,
    TransactionEventType,
    TransactionStatus,
    WebhookOutcome,
)
from marketplace.settlement.models import LedgerEntry
from tests.factories.payments import unpaid_order

URL = "/payments/midtrans/notification/"

pytestmark = pytest.mark.django_db


def post(client, body: dict):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def qris_txn(midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    return start_midtrans_payment(order.pk, channel="qris")


def test_qris_settlement_confirms_the_order_once(client, midtrans, qris_txn):
    body = midtrans.set_status(str(qris_txn.token), "settlement")
    # when
    response = post(client, body)
    # then
    assert response.status_code == 200
    assert response.json()["outcome"] == WebhookOutcome.APPLIED
    order = Order.objects.get(pk=qris_txn.order_id)
    assert (order.status, order.charge_status) == (
        OrderStatus.UNFULFILLED,
        OrderChargeStatus.FULLY_CHARGED,
    )
    assert order.total_charged == 94_000
    qris_txn.refresh_from_db()
    assert (qris_txn.status, qris_txn.charged_value) == (TransactionStatus.CHARGED, 94_000)
    assert OutboxMessage.objects.filter(event="fulfillment_routed").count() == 1


def test_qris_replayed_settlement_changes_nothing(client, midtrans, qris_txn):
    body = midtrans.set_status(str(qris_txn.token), "settlement")
    post(client, body)
    entries = LedgerEntry.objects.count()
    notices = OutboxMessage.objects.count()
    # when
    replay = post(client, body)
    # then
    assert replay.status_code == 200 and replay.json()["duplicate"] is True
    assert LedgerEntry.objects.count() == entries
    assert OutboxMessage.objects.count() == notices
    assert qris_txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    assert ProviderEvent.objects.count() == 1


def test_virtual_account_pending_after_settlement_is_ignored(client, midtrans, midtrans_server):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    txn = start_midtrans_payment(order.pk, channel="bca")
    pending = midtrans.notification(str(txn.token))
    settled = midtrans.set_status(str(txn.token), "settlement")
    # out of order: settlement first, then the older pending
    assert post(client, settled).json()["outcome"] == WebhookOutcome.APPLIED
    late = post(client, pending)
    assert late.json()["outcome"] == WebhookOutcome.IGNORED
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.CHARGED


def test_ewallet_capture_and_settlement_confirm_once(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    txn = start_midtrans_payment(order.pk, channel="gopay")
    capture = midtrans.set_status(str(txn.token), "capture")
    settlement = midtrans.set_status(str(txn.token), "settlement")
    assert post(client, capture).json()["outcome"] == WebhookOutcome.APPLIED
    assert post(client, settlement).json()["outcome"] == WebhookOutcome.IGNORED
    assert txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    assert Order.objects.get(pk=order.pk).total_charged == 94_000


def test_qris_forged_signature_is_refused_and_nothing_written(client, midtrans, qris_txn):
    body = midtrans.set_status(str(qris_txn.token), "settlement")
    body["signature_key"] = "0" * 128
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_signature"
    assert ProviderEvent.objects.count() == 0
    assert Order.objects.get(pk=qris_txn.order_id).status == OrderStatus.UNCONFIRMED


def test_qris_signature_with_another_server_key_is_refused(client, midtrans, qris_txn):
    midtrans.set_status(str(qris_txn.token), "settlement")
    body = midtrans.notification(str(qris_txn.token), server_key="SB-Mid-server-attacker")
    assert post(client, body).status_code == 400
    assert ProviderEvent.objects.count() == 0


def test_qris_tampered_amount_breaks_the_signature(client, midtrans, qris_txn):
    body = midtrans.set_status(str(qris_txn.token), "settlement")
    body["gross_amount"] = "1000.00"
    assert post(client, body).status_code == 400
    assert Order.objects.get(pk=qris_txn.order_id).total_charged == 0


def test_qris_unknown_order_is_kept_and_answered_404(client, midtrans, qris_txn):
    body = midtrans.set_status(str(qris_txn.token), "settlement")
    body = midtrans.notification(
        str(qris_txn.token), order_id="00000000-0000-0000-0000-000000000000", transaction_id="x-1"
    )
    response = post(client, body)
    assert response.status_code == 404
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    event = ProviderEvent.objects.get()
    assert (event.outcome, event.transaction) == (WebhookOutcome.REFUSED, None)
    assert Order.objects.get(pk=qris_txn.order_id).status == OrderStatus.UNCONFIRMED


def test_qris_amount_mismatch_waits_for_staff(client, midtrans, qris_txn):
    midtrans.set_status(str(qris_txn.token), "settlement")
    body = midtrans.notification(str(qris_txn.token), gross_amount="90000.00")
    response = post(client, body)
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    qris_txn.refresh_from_db()
    assert qris_txn.flagged_for_review is True
    assert "90000" in qris_txn.flag_reason
    assert qris_txn.status == TransactionStatus.PENDING
    assert Order.objects.get(pk=qris_txn.order_id).total_charged == 0


def test_qris_expire_cancels_the_order_and_releases_stock(client, midtrans, qris_txn):
    assert Stock.objects.get().quantity_allocated == 1
    body = midtrans.set_status(str(qris_txn.token), "expire")
    response = post(client, body)
    assert response.json()["outcome"] == WebhookOutcome.APPLIED
    order = Order.objects.get(pk=qris_txn.order_id)
    assert order.status == OrderStatus.CANCELED
    assert Stock.objects.get().quantity_allocated == 0
    qris_txn.refresh_from_db()
    assert qris_txn.status == TransactionStatus.CANCELED
    assert OutboxMessage.objects.filter(event="order_canceled").count() == 1


def test_virtual_account_expire_keeps_the_order_while_another_charge_is_open(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    bca = start_midtrans_payment(order.pk, channel="bca")
    start_midtrans_payment(order.pk, channel="bni")
    post(client, midtrans.set_status(str(bca.token), "expire"))
    order.refresh_from_db()
    assert order.status == OrderStatus.UNCONFIRMED
    assert Stock.objects.get().quantity_allocated == 1


def test_qris_late_settlement_for_an_expired_order_is_kept_for_staff(client, midtrans, qris_txn):
    post(client, midtrans.set_status(str(qris_txn.token), "expire"))
    # the customer paid at the last second; Midtrans settles after the expiry
    response = post(client, midtrans.set_status(str(qris_txn.token), "settlement"))
    assert response.status_code == 200
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    qris_txn.refresh_from_db()
    assert (qris_txn.status, qris_txn.charged_value) == (TransactionStatus.CHARGED, 94_000)
    assert qris_txn.flagged_for_review is True
    assert f"#{qris_txn.order.number}" in qris_txn.flag_reason
    order = Order.objects.get(pk=qris_txn.order_id)
    assert (order.status, order.total_charged) == (OrderStatus.CANCELED, 0)
    assert ProviderEvent.objects.filter(type="midtrans.settlement").count() == 1


def test_qris_late_settlement_after_our_own_expiry_job_is_kept(client, midtrans, qris_txn):
    Order.objects.filter(pk=qris_txn.order_id).update(expires_at="2000-01-01T00:00:00Z")
    assert expire_unpaid_orders() == 1
    response = post(client, midtrans.set_status(str(qris_txn.token), "settlement"))
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    qris_txn.refresh_from_db()
    assert qris_txn.flagged_for_review and qris_txn.charged_value == 94_000


def test_qris_status_check_without_notification_confirms(client, midtrans, qris_txn):
    midtrans.set_status(str(qris_txn.token), "settlement")
    response = client.get(f"/payments/order/{qris_txn.order.token}/?check=1")
    assert response.status_code == 200
    assert Order.objects.get(pk=qris_txn.order_id).total_charged == 94_000
    # the notification that follows finds it done
    body = midtrans.notification(str(qris_txn.token))
    assert post(client, body).json()["outcome"] == WebhookOutcome.IGNORED


@pytest.mark.django_db(transaction=True)
def test_qris_concurrent_notifications_confirm_once(live_server, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    txn = start_midtrans_payment(order.pk, channel="qris")
    body = midtrans.set_status(str(txn.token), "settlement")
    url = live_server.url + URL
    barrier = threading.Barrier(4)
    answers = []

    def deliver():
        barrier.wait()
        answers.append(midtrans.send(body, url).json())
        connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a["duplicate"] for a in answers].count(False) == 1
    assert {a["outcome"] for a in answers} == {WebhookOutcome.APPLIED}
    assert txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    assert Order.objects.get(pk=order.pk).total_charged == 94_000
    assert OutboxMessage.objects.filter(event="fulfillment_routed").count() == 1
