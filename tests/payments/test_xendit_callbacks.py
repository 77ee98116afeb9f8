"""Xendit callbacks: the x-callback-token checked, each payment applied exactly once."""

import json
import threading

import pytest
from django.db import connection, transaction

from marketplace.catalog.models import Stock
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Order, OrderChargeStatus, OrderStatus, PaymentMethod
from marketplace.orders.services import expire_unpaid_orders
from marketplace.payments.midtrans_payments import start_online_payment
from marketplace.payments.models import (
    ProviderEvent,
    Refund,
    RefundStatus,
    TransactionEventType,
    TransactionStatus,
    WebhookOutcome,
)
from marketplace.payments.refund_processing import perform_refund
from marketplace.payments.refunds import request_refund
from marketplace.payments.services import sync_card_payment
from marketplace.payments.tasks import close_stale_transactions
from marketplace.settlement.models import LedgerEntry
from tests.factories.payments import unpaid_order
from tests.fixtures.xendit import CALLBACK_TOKEN

URL = "/payments/xendit/callback/"

pytestmark = pytest.mark.django_db


def post(client, body: dict, token: str | None = CALLBACK_TOKEN):
    headers = {"HTTP_X_CALLBACK_TOKEN": token} if token is not None else {}
    return client.post(URL, data=json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def qris_txn(xendit):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    return start_online_payment(order.pk, channel="qris")


def test_qris_payment_succeeded_confirms_the_order_once(client, xendit, qris_txn):
    response = post(client, xendit.paid(qris_txn.psp_reference))
    assert response.status_code == 200
    assert response.json()["outcome"] == WebhookOutcome.APPLIED
    order = Order.objects.get(pk=qris_txn.order_id)
    assert (order.status, order.charge_status, order.total_charged) == (
        OrderStatus.UNFULFILLED,
        OrderChargeStatus.FULLY_CHARGED,
        94_000,
    )
    qris_txn.refresh_from_db()
    assert (qris_txn.status, qris_txn.charged_value) == (TransactionStatus.CHARGED, 94_000)
    assert OutboxMessage.objects.filter(event="fulfillment_routed").count() == 1


def test_qris_replayed_callback_changes_nothing(client, xendit, qris_txn):
    body = xendit.paid(qris_txn.psp_reference)
    post(client, body)
    entries, notices = LedgerEntry.objects.count(), OutboxMessage.objects.count()
    # when: Xendit resends the same callback
    replay = post(client, body)
    # then
    assert replay.status_code == 200 and replay.json()["duplicate"] is True
    assert LedgerEntry.objects.count() == entries
    assert OutboxMessage.objects.count() == notices
    assert qris_txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    assert ProviderEvent.objects.count() == 1


def test_virtual_account_failed_after_succeeded_is_ignored(client, xendit):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    txn = start_online_payment(order.pk, channel="bca")
    failed = xendit.failed(txn.psp_reference)
    succeeded = xendit.paid(txn.psp_reference)
    # out of order: the success arrives first, then an older failure
    assert post(client, succeeded).json()["outcome"] == WebhookOutcome.APPLIED
    assert post(client, failed).json()["outcome"] == WebhookOutcome.IGNORED
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.CHARGED
    assert Order.objects.get(pk=order.pk).total_charged == 94_000


def test_ewallet_status_check_then_callback_confirm_once(client, xendit):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    txn = start_online_payment(order.pk, channel="ovo")
    body = xendit.paid(txn.psp_reference)
    # the buyer comes back first: the page asks Xendit itself
    assert sync_card_payment(txn.pk).outcome == WebhookOutcome.APPLIED
    assert post(client, body).json()["outcome"] == WebhookOutcome.IGNORED
    assert txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    assert Order.objects.get(pk=order.pk).total_charged == 94_000


def test_qris_forged_callback_token_is_refused_and_nothing_written(client, xendit, qris_txn):
    body = xendit.paid(qris_txn.psp_reference)
    for token in ("forged-token", "", None):
        response = post(client, body, token=token)
        assert response.status_code == 403
        assert response.json()["error"] == "invalid_callback_token"
    assert ProviderEvent.objects.count() == 0
    assert Order.objects.get(pk=qris_txn.order_id).status == OrderStatus.UNCONFIRMED


def test_qris_callback_refused_when_no_token_is_configured(client, settings, xendit, qris_txn):
    settings.XENDIT_CALLBACK_TOKEN = ""
    response = post(client, xendit.paid(qris_txn.psp_reference))
    assert response.status_code == 503
    assert ProviderEvent.objects.count() == 0


def test_qris_unknown_order_is_kept_and_answered_404(client, xendit, qris_txn):
    body = xendit.paid(
        qris_txn.psp_reference,
        payment_request_id="pr-unknown",
        reference_id="00000000-0000-0000-0000-000000000000",
        metadata={},
    )
    response = post(client, body)
    assert response.status_code == 404
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    event = ProviderEvent.objects.get()
    assert (event.outcome, event.transaction) == (WebhookOutcome.REFUSED, None)
    assert Order.objects.get(pk=qris_txn.order_id).status == OrderStatus.UNCONFIRMED


def test_qris_amount_mismatch_waits_for_staff(client, xendit, qris_txn):
    response = post(client, xendit.paid(qris_txn.psp_reference, amount=90_000))
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    qris_txn.refresh_from_db()
    assert qris_txn.flagged_for_review is True
    assert "90000" in qris_txn.flag_reason
    assert qris_txn.status == TransactionStatus.PENDING
    assert Order.objects.get(pk=qris_txn.order_id).total_charged == 0
    assert OutboxMessage.objects.filter(event="fulfillment_routed").count() == 0


def test_qris_expiry_cancels_the_order_and_releases_stock(client, xendit, qris_txn):
    assert Stock.objects.get().quantity_allocated == 1
    response = post(client, xendit.expired(qris_txn.psp_reference))
    assert response.json()["outcome"] == WebhookOutcome.APPLIED
    order = Order.objects.get(pk=qris_txn.order_id)
    assert order.status == OrderStatus.CANCELED
    assert Stock.objects.get().quantity_allocated == 0
    qris_txn.refresh_from_db()
    assert qris_txn.status == TransactionStatus.CANCELED
    assert OutboxMessage.objects.filter(event="order_canceled").count() == 1


def test_virtual_account_expiry_keeps_the_order_while_another_request_is_open(client, xendit):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    bca = start_online_payment(order.pk, channel="bca")
    start_online_payment(order.pk, channel="bni")
    post(client, xendit.expired(bca.psp_reference))
    order.refresh_from_db()
    assert order.status == OrderStatus.UNCONFIRMED
    assert Stock.objects.get().quantity_allocated == 1


def test_qris_late_payment_for_an_expired_order_is_kept_for_staff(client, xendit, qris_txn):
    post(client, xendit.expired(qris_txn.psp_reference))
    # the buyer paid at the last second; Xendit's success arrives after the expiry
    response = post(client, xendit.paid(qris_txn.psp_reference))
    assert response.status_code == 200
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    qris_txn.refresh_from_db()
    assert (qris_txn.status, qris_txn.charged_value) == (TransactionStatus.CHARGED, 94_000)
    assert qris_txn.flagged_for_review is True
    assert f"#{qris_txn.order.number}" in qris_txn.flag_reason
    order = Order.objects.get(pk=qris_txn.order_id)
    assert (order.status, order.total_charged) == (OrderStatus.CANCELED, 0)
    assert ProviderEvent.objects.filter(type="xendit.payment.succeeded").count() == 1


def test_virtual_account_late_payment_after_our_expiry_job_is_kept(client, xendit):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    txn = start_online_payment(order.pk, channel="bri")
    Order.objects.filter(pk=order.pk).update(expires_at="2000-01-01T00:00:00Z")
    assert expire_unpaid_orders() == 1
    response = post(client, xendit.paid(txn.psp_reference))
    assert response.json()["outcome"] == WebhookOutcome.REFUSED
    txn.refresh_from_db()
    assert txn.flagged_for_review and txn.charged_value == 94_000


def test_qris_open_request_of_a_canceled_order_is_expired_at_xendit(xendit, qris_txn):
    Order.objects.filter(pk=qris_txn.order_id).update(expires_at="2000-01-01T00:00:00Z")
    expire_unpaid_orders()
    assert close_stale_transactions() == 1
    assert xendit.payment_request(qris_txn.psp_reference)["status"] == "EXPIRED"
    qris_txn.refresh_from_db()
    assert qris_txn.status == TransactionStatus.CANCELED


@pytest.mark.django_db(transaction=True)
def test_qris_concurrent_callbacks_confirm_once(live_server, xendit):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    txn = start_online_payment(order.pk, channel="qris")
    body = xendit.paid(txn.psp_reference)
    url = live_server.url + URL
    barrier = threading.Barrier(4)
    answers = []

    def deliver():
        barrier.wait()
        answers.append(xendit.send(body, url).json())
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


def paid(client, xendit, method, channel):
    order = unpaid_order(payment_method=method)
    txn = start_online_payment(order.pk, channel=channel)
    post(client, xendit.paid(txn.psp_reference))
    return order, txn


def test_ewallet_refund_goes_through_xendit_once(client, xendit):
    order, txn = paid(client, xendit, PaymentMethod.EWALLET, "dana")
    with transaction.atomic():
        (refund,) = request_refund(order.pk, amount=9_000, reason="ongkir dikembalikan")
    assert perform_refund(refund.pk) == "succeeded"
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    sent = xendit.state.requests[-1]
    assert sent[1] == "/refunds"
    assert sent[2]["payment_request_id"] == txn.psp_reference
    assert (sent[2]["amount"], sent[2]["reference_id"]) == (9_000, str(refund.token))
    txn.refresh_from_db()
    assert (txn.charged_value, txn.refunded_value) == (85_000, 9_000)
    # Xendit's refund.succeeded callback that follows changes nothing more
    answer = post(client, xendit.refund_callback(refund.psp_reference)).json()
    assert answer["outcome"] == WebhookOutcome.IGNORED
    txn.refresh_from_db()
    assert txn.refunded_value == 9_000
    # and a retried task sends nothing again
    assert perform_refund(refund.pk) == "not pending"


def test_qris_refund_callback_before_the_answer_is_recorded_once(client, xendit):
    order, txn = paid(client, xendit, PaymentMethod.QRIS, "qris")
    with transaction.atomic():
        (refund,) = request_refund(order.pk, amount=94_000, reason="stok habis")
    assert perform_refund(refund.pk) == "succeeded"
    txn.refresh_from_db()
    assert (txn.charged_value, txn.refunded_value) == (0, 94_000)
    assert Order.objects.get(pk=order.pk).charge_status == OrderChargeStatus.FULLY_REFUNDED


def test_virtual_account_refund_is_left_to_staff(client, xendit):
    order, txn = paid(client, xendit, PaymentMethod.VIRTUAL_ACCOUNT, "mandiri")
    with transaction.atomic():
        (refund,) = request_refund(order.pk, amount=9_000, reason="ongkir dikembalikan")
    assert refund.status == RefundStatus.MANUAL
    txn.refresh_from_db()
    assert txn.flagged_for_review
    assert Refund.objects.get().status == RefundStatus.MANUAL
    assert not any(path == "/refunds" for _m, path, _b in xendit.state.requests)
