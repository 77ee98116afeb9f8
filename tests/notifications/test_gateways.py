"""WhatsApp / SMS through the signed webhook and the Fonnte adapter, against a local server."""

import time

import pytest

from marketplace.notifications.delivery import deliver_message
from marketplace.notifications.gateways import sign, verify_signature
from marketplace.notifications.models import Channel, OutboxStatus
from tests.factories.notifications import OutboxMessageFactory

from .conftest import GATEWAY_SECRET

pytestmark = pytest.mark.django_db


def test_whatsapp_goes_as_signed_json_with_an_idempotency_key(webhook_gateway):
    message = OutboxMessageFactory(channel=Channel.WHATSAPP, recipient="+6281234567801")

    assert deliver_message(message.pk).status == "sent"

    (request,) = webhook_gateway.received()
    message.refresh_from_db()
    assert request.headers["Idempotency-Key"] == message.idempotency_key
    assert verify_signature(
        GATEWAY_SECRET,
        timestamp=request.headers["X-Pasar-Timestamp"],
        body=request.body,
        signature=request.headers["X-Pasar-Signature"],
    )
    payload = request.json()
    assert payload["to"] == "+6281234567801"
    assert payload["channel"] == "whatsapp"
    assert payload["event"] == "fulfillment_accept_reminder"
    assert payload["text"].startswith("*Pengingat: pesanan #100123 menunggu Anda terima*\n\n")
    assert "Rp 75.000" in payload["text"]
    assert (message.status, message.external_id) == (OutboxStatus.SENT, "gw-1")


def test_sms_is_short(webhook_gateway):
    message = OutboxMessageFactory(channel=Channel.SMS, recipient="+6281234567801")

    deliver_message(message.pk)

    (request,) = webhook_gateway.received()
    assert request.json()["channel"] == "sms"
    assert len(request.json()["text"]) <= 459


def test_a_tampered_or_stale_webhook_fails_verification():
    body = b'{"to":"+6281234567801"}'
    now = str(int(time.time()))
    signature = sign(GATEWAY_SECRET, now, body)
    assert verify_signature(GATEWAY_SECRET, timestamp=now, body=body, signature=signature)
    assert not verify_signature(
        GATEWAY_SECRET, timestamp=now, body=body + b" ", signature=signature
    )
    assert not verify_signature("other", timestamp=now, body=body, signature=signature)
    stale = str(int(time.time()) - 3600)
    assert not verify_signature(
        GATEWAY_SECRET, timestamp=stale, body=body, signature=sign(GATEWAY_SECRET, stale, body)
    )


def test_a_gateway_refusal_fails_the_notice_without_retry(webhook_gateway):
    webhook_gateway.script = [400]
    message = OutboxMessageFactory(channel=Channel.WHATSAPP, recipient="+6281234567801")

    assert deliver_message(message.pk).status == "failed"

    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.last_error.startswith("PermanentTransportError: gateway refused with HTTP 400")
    assert list(message.attempt_log.values_list("response_status", flat=True)) == [400]


def test_a_busy_gateway_is_retried_later(webhook_gateway):
    webhook_gateway.script = [429]
    message = OutboxMessageFactory(channel=Channel.WHATSAPP, recipient="+6281234567801")

    assert deliver_message(message.pk).status == "retry"

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)


def test_fonnte_gets_its_documented_form_fields(gateway, settings):
    settings.NOTIFICATION_WHATSAPP_BACKEND = "fonnte"
    settings.NOTIFICATION_FONNTE_URL = gateway.url
    settings.NOTIFICATION_FONNTE_TOKEN = "token-perangkat"
    gateway.answer = {"status": True, "detail": "success! message in queue", "id": ["80367170"]}
    message = OutboxMessageFactory(channel=Channel.WHATSAPP, recipient="+6281234567801")

    assert deliver_message(message.pk).status == "sent"

    (request,) = gateway.received()
    message.refresh_from_db()
    assert request.headers["Authorization"] == "token-perangkat"
    assert request.headers["Idempotency-Key"] == message.idempotency_key
    form = request.form()
    assert form["target"] == "6281234567801"
    assert form["countryCode"] == "0"
    assert "Rp 75.000" in form["message"]
    assert message.external_id == "80367170"


def test_fonnte_refusing_an_invalid_target_fails_the_notice(gateway, settings):
    settings.NOTIFICATION_WHATSAPP_BACKEND = "fonnte"
    settings.NOTIFICATION_FONNTE_URL = gateway.url
    settings.NOTIFICATION_FONNTE_TOKEN = "token-perangkat"
    gateway.answer = {"status": False, "reason": "invalid target"}
    message = OutboxMessageFactory(channel=Channel.WHATSAPP, recipient="+6281234567801")

    assert deliver_message(message.pk).status == "failed"

    message.refresh_from_db()
    assert message.last_error == "PermanentTransportError: Fonnte refused: invalid target"


def test_the_console_backend_sends_nothing_over_the_network(settings, caplog):
    settings.NOTIFICATION_WHATSAPP_BACKEND = "console"
    message = OutboxMessageFactory(channel=Channel.WHATSAPP, recipient="+6281234567801")

    with caplog.at_level("INFO", logger="marketplace.notifications"):
        assert deliver_message(message.pk).status == "sent"

    message.refresh_from_db()
    assert message.external_id == f"console-{message.pk}"
    assert "Sabun Propolis" in caplog.text
