"""Only events signed with our endpoint secret, and fresh, are looked at at all."""

import json
import time

import pytest

from marketplace.orders.models import OrderStatus
from marketplace.payments.models import ProviderEvent, TransactionStatus
from tests.factories.payments import (
    TransactionItemFactory,
    payment_intent_object,
    sign,
    stripe_event,
)

pytestmark = pytest.mark.usefixtures("stripe_settings")


@pytest.fixture
def succeeded_event(card_order):
    txn = TransactionItemFactory(order=card_order)
    return txn, stripe_event("payment_intent.succeeded", payment_intent_object(txn))


def _post(client, body: bytes, signature: str | None):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return client.post(
        "/payments/stripe/webhook/", data=body, content_type="application/json", **headers
    )


def _assert_nothing_changed(txn):
    txn.refresh_from_db()
    txn.order.refresh_from_db()
    assert txn.status == TransactionStatus.PENDING
    assert txn.order.status == OrderStatus.UNCONFIRMED
    assert txn.order.total_charged == 0
    assert ProviderEvent.objects.count() == 0
    assert txn.events.count() == 0


def test_unsigned_event_is_refused(client, succeeded_event, payment_log):
    txn, event = succeeded_event
    response = _post(client, json.dumps(event).encode(), None)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_signature"
    _assert_nothing_changed(txn)
    assert "stripe webhook refused" in payment_log.text
    assert "missing Stripe-Signature" in payment_log.text


def test_event_signed_with_another_secret_is_refused(client, succeeded_event, payment_log):
    txn, event = succeeded_event
    body = json.dumps(event).encode()
    response = _post(client, body, sign(body, secret="whsec_forged"))
    assert response.status_code == 400
    _assert_nothing_changed(txn)
    assert "signature refused" in payment_log.text


def test_forged_body_under_a_real_signature_is_refused(client, succeeded_event, payment_log):
    txn, event = succeeded_event
    body = json.dumps(event).encode()
    signature = sign(body)
    event["data"]["object"]["amount"] = 100
    response = _post(client, json.dumps(event).encode(), signature)
    assert response.status_code == 400
    _assert_nothing_changed(txn)
    assert "signature refused" in payment_log.text


def test_stale_event_is_refused(client, succeeded_event, payment_log):
    txn, event = succeeded_event
    body = json.dumps(event).encode()
    response = _post(client, body, sign(body, timestamp=int(time.time()) - 301))
    assert response.status_code == 400
    _assert_nothing_changed(txn)
    assert "Timestamp outside the tolerance zone" in payment_log.text


def test_garbage_signature_header_is_refused(client, succeeded_event, payment_log):
    txn, event = succeeded_event
    response = _post(client, json.dumps(event).encode(), "nonsense")
    assert response.status_code == 400
    _assert_nothing_changed(txn)


def test_webhook_is_refused_when_no_secret_is_configured(
    client, succeeded_event, settings, payment_log
):
    txn, event = succeeded_event
    settings.STRIPE_WEBHOOK_SECRET = ""
    body = json.dumps(event).encode()
    response = _post(client, body, sign(body))
    assert response.status_code == 400
    _assert_nothing_changed(txn)
    assert "STRIPE_WEBHOOK_SECRET is not set" in payment_log.text


def test_webhook_answers_only_post(client, stripe_settings):
    assert client.get("/payments/stripe/webhook/").status_code == 405


def test_correctly_signed_fresh_event_is_accepted(client, succeeded_event):
    txn, event = succeeded_event
    body = json.dumps(event).encode()
    response = _post(client, body, sign(body))
    assert response.status_code == 200
    assert response.json()["outcome"] == "applied"
