"""Checking and reading what a WhatsApp gateway posts about a message a member sent.

Two shapes (docs/WHATSAPP.md quotes where each comes from):

- ``webhook``: our generic gateway's JSON, signed exactly as ``gateways.WebhookGateway`` signs
  what it sends (``X-Pasar-Timestamp``, ``X-Pasar-Signature: sha256=<hmac of "<ts>.<body>">``)
  with ``NOTIFICATION_INBOUND_SECRET``: ``{"id", "channel", "from", "text"}``.
- ``fonnte``: Fonnte's incoming-message webhook (JSON or form fields ``device``, ``sender``,
  ``message``, ``member``, ``name``, ...). Fonnte does not sign it, so the URL carries a secret
  token of ours (``NOTIFICATION_FONNTE_WEBHOOK_TOKEN``), and when ``NOTIFICATION_FONNTE_DEVICE``
  is set the ``device`` field must be that number.
"""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from django.conf import settings

from ..gateways import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify_signature


class WebhookRefused(Exception):
    """Not from our gateway (bad token or signature): nothing is stored."""


class WebhookNotConfigured(Exception):
    """The inbound endpoint has no secret configured, so nothing can be trusted."""


class WebhookMalformed(Exception):
    """From our gateway, but not a message we can read."""


@dataclass(frozen=True)
class InboundPayload:
    gateway: str
    external_id: str
    sender: str
    text: str


def read_generic(body: bytes, headers) -> InboundPayload:
    secret = settings.NOTIFICATION_INBOUND_SECRET
    if not secret:
        raise WebhookNotConfigured("NOTIFICATION_INBOUND_SECRET is not set")
    if not verify_signature(
        secret,
        timestamp=headers.get(TIMESTAMP_HEADER, ""),
        body=body,
        signature=headers.get(SIGNATURE_HEADER, ""),
        tolerance=settings.NOTIFICATION_INBOUND_TOLERANCE_SECONDS,
    ):
        raise WebhookRefused("bad or stale signature")
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise WebhookMalformed("body is not JSON") from exc
    if not isinstance(data, dict):
        raise WebhookMalformed("body is not a JSON object")
    if data.get("channel", "whatsapp") != "whatsapp":
        raise WebhookMalformed("only WhatsApp messages are read")
    external_id, sender = str(data.get("id") or ""), str(data.get("from") or "")
    if not external_id or not sender:
        raise WebhookMalformed("id and from are required")
    return InboundPayload("webhook", external_id, sender, str(data.get("text") or ""))


def read_fonnte(token: str, body: bytes, content_type: str, form: dict) -> InboundPayload:
    """``form``: the parsed form fields when Fonnte posts a form rather than JSON."""
    expected = settings.NOTIFICATION_FONNTE_WEBHOOK_TOKEN
    if not expected:
        raise WebhookNotConfigured("NOTIFICATION_FONNTE_WEBHOOK_TOKEN is not set")
    if not hmac.compare_digest(token.encode(), expected.encode()):
        raise WebhookRefused("bad webhook token")
    data = _fonnte_fields(body, content_type, form)
    device = str(data.get("device") or "")
    if settings.NOTIFICATION_FONNTE_DEVICE and device != settings.NOTIFICATION_FONNTE_DEVICE:
        raise WebhookRefused("message for another device")
    sender, text = str(data.get("sender") or ""), str(data.get("message") or "")
    if not sender:
        raise WebhookMalformed("sender is required")
    if data.get("member"):
        sender = "group:" + sender  # said in a WhatsApp group: not a member's own chat
    return InboundPayload("fonnte", _fonnte_id(data, device, sender, text), sender, text)


def _fonnte_fields(body: bytes, content_type: str, form: dict) -> dict:
    if "json" not in content_type:
        return form
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise WebhookMalformed("unreadable body") from exc
    if not isinstance(data, dict):
        raise WebhookMalformed("body is not an object")
    return data


def _fonnte_id(data: dict, device: str, sender: str, text: str) -> str:
    """Fonnte's message id when it sends one; else a digest that makes a quick resend the same."""
    for field in ("inboxid", "id", "message_id"):
        if data.get(field):
            return str(data[field])
    window = int(time.time() // settings.NOTIFICATION_FONNTE_DEDUPE_WINDOW_SECONDS)
    digest = hashlib.sha256(f"{device}|{sender}|{text}|{window}".encode()).hexdigest()
    return "digest-" + digest[:40]
