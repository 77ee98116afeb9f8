"""WhatsApp / SMS gateways: which one a channel uses is a setting.

- ``console``: writes the message to the log (``make run``, no gateway configured).
- ``webhook``: a generic JSON POST signed with HMAC-SHA256, for any gateway or relay we run.
- ``fonnte``: Fonnte's documented HTTP API (``POST https://api.fonnte.com/send`` with the device
  token in ``Authorization``, form fields ``target`` / ``message`` / ``countryCode``; the answer is
  JSON with ``status`` true / false and ``reason`` on refusal).

Every request carries an ``Idempotency-Key`` header that is stable across retries.
"""

import hashlib
import hmac
import json
import logging
import re
import time
from dataclasses import dataclass

import requests
from django.conf import settings

logger = logging.getLogger("marketplace.notifications")

E164 = re.compile(r"^\+[1-9]\d{7,14}$")
RETRYABLE_HTTP_STATUSES = frozenset({408, 409, 425, 429})
SIGNATURE_HEADER = "X-Pasar-Signature"
TIMESTAMP_HEADER = "X-Pasar-Timestamp"


class TransportError(Exception):
    """A send that may succeed if tried again later."""

    def __init__(self, message: str, *, response_status: int | None = None):
        super().__init__(message)
        self.response_status = response_status


class PermanentTransportError(TransportError):
    """A send that will never succeed as it stands (bad number, refused by the provider)."""


@dataclass(frozen=True)
class Receipt:
    external_id: str = ""
    response_status: int | None = None


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` over ``<timestamp>.<body>``: the receiver recomputes and compares."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify_signature(
    secret: str, *, timestamp: str, body: bytes, signature: str, tolerance: int = 300
) -> bool:
    """What a receiver of our webhook does: a fresh timestamp and a matching signature."""
    try:
        age = abs(time.time() - int(timestamp))
    except (TypeError, ValueError):
        return False
    return age <= tolerance and hmac.compare_digest(sign(secret, timestamp, body), signature)


def _check_phone(number: str) -> str:
    if not E164.match(number):
        raise PermanentTransportError(f"not an E.164 phone number: {number!r}")
    return number


_session: requests.Session | None = None


def http() -> requests.Session:
    """One keep-alive session per worker process."""
    global _session
    if _session is None:
        _session = requests.Session()
    return _session


def _post(url: str, **kwargs) -> requests.Response:
    timeout = (settings.NOTIFICATION_GATEWAY_CONNECT_TIMEOUT, settings.NOTIFICATION_GATEWAY_TIMEOUT)
    try:
        response = http().post(url, timeout=timeout, allow_redirects=False, **kwargs)
    except requests.RequestException as exc:
        raise TransportError(f"gateway unreachable: {exc.__class__.__name__}: {exc}") from exc
    status = response.status_code
    if status >= 500 or status in RETRYABLE_HTTP_STATUSES:
        raise TransportError(
            f"gateway answered HTTP {status}: {response.text[:300]}", response_status=status
        )
    if status >= 300:
        raise PermanentTransportError(
            f"gateway refused with HTTP {status}: {response.text[:300]}", response_status=status
        )
    return response


class ConsoleGateway:
    """No gateway configured: log what would have been sent."""

    name = "console"

    def send(self, message, *, text: str, subject: str) -> Receipt:
        _check_phone(message.recipient)
        logger.info(
            "[%s to %s, key %s]\n%s",
            message.channel,
            message.recipient,
            message.idempotency_key,
            text,
        )
        return Receipt(external_id=f"console-{message.pk}")


class WebhookGateway:
    """POST a signed JSON document to ``NOTIFICATION_GATEWAY_URL``; 2xx means accepted."""

    name = "webhook"

    def send(self, message, *, text: str, subject: str) -> Receipt:
        url = settings.NOTIFICATION_GATEWAY_URL
        secret = settings.NOTIFICATION_GATEWAY_SECRET
        if not url or not secret:
            raise PermanentTransportError("webhook gateway needs a URL and a secret")
        payload = {
            "id": message.idempotency_key,
            "event": message.event,
            "channel": message.channel,
            "to": _check_phone(message.recipient),
            "language": message.language,
            "subject": subject,
            "text": text,
        }
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = str(int(time.time()))
        response = _post(
            url,
            data=body,
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Idempotency-Key": message.idempotency_key,
                TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: sign(secret, timestamp, body),
            },
        )
        try:
            external_id = str(response.json().get("id", ""))[:200]
        except (ValueError, AttributeError):
            external_id = ""
        return Receipt(external_id=external_id, response_status=response.status_code)


class FonnteGateway:
    """Fonnte (WhatsApp): form POST with the device token; ``status: false`` is a refusal."""

    name = "fonnte"
    PERMANENT_REASONS = ("invalid", "not registered", "unauthorized", "token")

    def send(self, message, *, text: str, subject: str) -> Receipt:
        token = settings.NOTIFICATION_FONNTE_TOKEN
        if not token:
            raise PermanentTransportError("Fonnte gateway needs NOTIFICATION_FONNTE_TOKEN")
        target = _check_phone(message.recipient).lstrip("+")
        response = _post(
            settings.NOTIFICATION_FONNTE_URL,
            data={"target": target, "message": text, "countryCode": "0"},
            headers={"Authorization": token, "Idempotency-Key": message.idempotency_key},
        )
        try:
            answer = response.json()
        except ValueError as exc:
            raise TransportError(f"Fonnte answered non-JSON: {response.text[:200]}") from exc
        if not answer.get("status"):
            reason = str(answer.get("reason") or answer.get("detail") or "refused")
            error = f"Fonnte refused: {reason}"
            if any(word in reason.lower() for word in self.PERMANENT_REASONS):
                raise PermanentTransportError(error, response_status=response.status_code)
            raise TransportError(error, response_status=response.status_code)
        ids = answer.get("id") or []
        external_id = str(ids[0] if isinstance(ids, list) and ids else ids)[:200]
        return Receipt(external_id=external_id, response_status=response.status_code)


GATEWAYS = {
    "console": ConsoleGateway,
    "webhook": WebhookGateway,
    "fonnte": FonnteGateway,
}


def gateway_for(channel: str):
    """The gateway configured for a phone channel (``NOTIFICATION_<CHANNEL>_BACKEND``)."""
    name = getattr(settings, f"NOTIFICATION_{channel.upper()}_BACKEND", "console")
    try:
        return GATEWAYS[name]()
    except KeyError as exc:
        raise PermanentTransportError(f"unknown gateway backend {name!r} for {channel}") from exc
