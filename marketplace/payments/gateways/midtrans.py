"""Midtrans Core API through the official client ``midtransclient``: QRIS, bank virtual
accounts, GoPay and ShopeePay, status, cancel, refund and the HTTP notification.

The client talks to ``settings.MIDTRANS_API_BASE_URL`` (Midtrans' sandbox or production address
by default). Midtrans sends rupiah as decimal strings ("94000.00"); only whole rupiah pass here.
Midtrans' ``order_id`` is our transaction's token, so one order can try several channels.
"""

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import midtransclient
import requests
from django.conf import settings
from midtransclient.error_midtrans import JSONDecodeError, MidtransAPIError

from .base import (
    EventKind,
    GatewayError,
    GatewayEvent,
    PaymentSession,
    RefundResult,
    WebhookVerificationError,
)

JAKARTA = ZoneInfo("Asia/Jakarta")

# channel → what the customer pays with; the kind decides the page they see.
CHANNELS: dict[str, str] = {
    "qris": "qris",
    "bca": "virtual_account",
    "bni": "virtual_account",
    "bri": "virtual_account",
    "permata": "virtual_account",
    "mandiri": "virtual_account",
    "gopay": "ewallet",
    "shopeepay": "ewallet",
    # a payment code paid in cash at the store's till (Midtrans' ``cstore``)
    "indomaret": "cstore",
    "alfamart": "cstore",
}
# On a desktop an e-wallet is paid by scanning a QRIS code with the wallet's app.
QRIS_ACQUIRER = {"gopay": "gopay", "shopeepay": "airpay shopee"}

SUCCEEDED_STATUSES = ("settlement", "capture")


class _TimeoutHTTP:
    """What ``midtransclient.HttpClient`` calls (``requests``' interface), with a timeout."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.session = requests.Session()

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return self.session.request(method, url, **kwargs)


def to_rupiah(value) -> int | None:
    """Midtrans' gross amount ("94000.00", 94000) → whole rupiah, or None for a fraction."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if amount < 0 or amount != amount.to_integral_value():
        return None
    return int(amount)


def signature_key(order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    """Midtrans' notification signature: SHA-512 of order_id + status_code + gross_amount + key."""
    text = f"{order_id}{status_code}{gross_amount}{server_key}"
    return hashlib.sha512(text.encode()).hexdigest()


def _jakarta_time(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=JAKARTA)
    except (TypeError, ValueError):
        return None


def _action(raw: Mapping, channel: str) -> dict:
    """What the customer needs from a charge answer, in one shape for every channel."""
    actions = {a.get("name"): a.get("url") for a in raw.get("actions") or []}
    if raw.get("qr_string"):
        return {"kind": "qr", "qr_string": raw["qr_string"]}
    if raw.get("va_numbers"):
        first = raw["va_numbers"][0]
        return {"kind": "va", "bank": first.get("bank", channel), "va_number": first["va_number"]}
    if raw.get("permata_va_number"):
        return {"kind": "va", "bank": "permata", "va_number": raw["permata_va_number"]}
    if raw.get("bill_key"):
        return {
            "kind": "bill",
            "bank": "mandiri",
            "bill_key": raw["bill_key"],
            "biller_code": raw.get("biller_code", ""),
        }
    if raw.get("payment_code"):
        return {
            "kind": "cstore",
            "store": str(raw.get("store") or channel),
            "payment_code": raw["payment_code"],
        }
    if actions.get("deeplink-redirect"):
        return {"kind": "deeplink", "url": actions["deeplink-redirect"]}
    return {}


def _session(raw: Mapping, channel: str = "") -> PaymentSession:
    amount = to_rupiah(raw.get("gross_amount"))
    status = raw.get("transaction_status") or ""
    return PaymentSession(
        psp_reference=raw.get("transaction_id") or "",
        status=status,
        amount=amount if amount is not None else -1,
        currency=(raw.get("currency") or "IDR").upper(),
        succeeded=status in SUCCEEDED_STATUSES and raw.get("fraud_status", "accept") == "accept",
        raw=dict(raw),
        action=_action(raw, channel),
        expires_at=_jakarta_time(raw.get("expiry_time") or ""),
    )


def _gateway_error(exc: Exception) -> GatewayError:
    if isinstance(exc, MidtransAPIError):
        body = exc.api_response_dict or {}
        code = str(body.get("status_code") or exc.http_status_code)
        retryable = exc.http_status_code >= 500 or code.startswith("5")
        message = body.get("status_message") or str(exc)
        return GatewayError(message, retryable=retryable, code=code)
    if isinstance(exc, JSONDecodeError):
        return GatewayError(str(exc), retryable=True, code="bad_response")
    return GatewayError(f"Midtrans unreachable: {exc}", retryable=True, code="unreachable")


CLIENT_ERRORS = (MidtransAPIError, JSONDecodeError, requests.RequestException)


class MidtransGateway:
    name = "midtrans"

    def __init__(self) -> None:
        if not settings.MIDTRANS_SERVER_KEY:
            raise GatewayError(
                "MIDTRANS_SERVER_KEY is not set", retryable=False, code="not_configured"
            )
        self.server_key = settings.MIDTRANS_SERVER_KEY
        self.api = midtransclient.CoreApi(
            is_production=settings.MIDTRANS_IS_PRODUCTION, server_key=self.server_key
        )
        base = settings.MIDTRANS_API_BASE_URL.rstrip("/")
        # ApiConfig reads these class attributes; an instance attribute points this client only.
        self.api.api_config.CORE_SANDBOX_BASE_URL = base
        self.api.api_config.CORE_PRODUCTION_BASE_URL = base
        self.api.http_client.http_client = _TimeoutHTTP(settings.MIDTRANS_TIMEOUT_SECONDS)

    # ---- charges -------------------------------------------------------------------------
    def charge_parameters(
        self, *, channel: str, order_id: str, amount: int, desktop: bool, metadata: Mapping
    ) -> dict:
        if channel not in CHANNELS:
            raise GatewayError(f"unknown Midtrans channel {channel!r}", retryable=False)
        params: dict = {
            "transaction_details": {"order_id": order_id, "gross_amount": amount},
            "custom_expiry": {
                "expiry_duration": int(metadata.get("expiry_minutes") or 60),
                "unit": "minute",
            },
            "custom_field1": str(metadata.get("order_number", ""))[:255],
        }
        if metadata.get("email"):
            params["customer_details"] = {
                "email": metadata["email"],
                "first_name": str(metadata.get("first_name", ""))[:255],
                "phone": str(metadata.get("phone", ""))[:255],
            }
        if channel == "qris" or (channel in QRIS_ACQUIRER and desktop):
            params["payment_type"] = "qris"
            params["qris"] = {"acquirer": QRIS_ACQUIRER.get(channel, "gopay")}
        elif channel == "mandiri":
            params["payment_type"] = "echannel"
            params["echannel"] = {
                "bill_info1": "Pasar UPPKS",
                "bill_info2": f"Pesanan {metadata.get('order_number', '')}",
            }
        elif CHANNELS[channel] == "cstore":
            params["payment_type"] = "cstore"
            params["cstore"] = {
                "store": channel,
                "message": f"Pasar UPPKS pesanan {metadata.get('order_number', '')}"[:20],
            }
            if channel == "alfamart":
                params["cstore"]["alfamart_free_text_1"] = "Pasar UPPKS"
        elif CHANNELS[channel] == "virtual_account":
            params["payment_type"] = "bank_transfer"
            params["bank_transfer"] = {"bank": channel}
        else:
            params["payment_type"] = channel
            params[channel] = {"callback_url": str(metadata.get("callback_url", ""))}
            if channel == "gopay":
                params["gopay"]["enable_callback"] = bool(metadata.get("callback_url"))
        return params

    def create_payment(
        self,
        *,
        amount: int,
        currency: str,
        metadata: Mapping[str, str],
        idempotency_key: str,
    ) -> PaymentSession:
        """Charge through ``metadata["channel"]``; Midtrans' order id is the idempotency key
        (a repeated charge with the same order id is refused by Midtrans, never doubled)."""
        if currency.upper() != "IDR":
            raise GatewayError("Midtrans charges rupiah only", retryable=False)
        channel = metadata.get("channel", "")
        params = self.charge_parameters(
            channel=channel,
            order_id=idempotency_key,
            amount=amount,
            desktop=metadata.get("device") == "desktop",
            metadata=metadata,
        )
        try:
            raw = self.api.charge(params)
        except CLIENT_ERRORS as exc:
            raise _gateway_error(exc) from exc
        return _session(raw, channel)

    def retrieve_payment(self, psp_reference: str) -> PaymentSession:
        try:
            return _session(self.api.transactions.status(psp_reference))
        except CLIENT_ERRORS as exc:
            raise _gateway_error(exc) from exc

    def cancel_payment(self, psp_reference: str) -> PaymentSession:
        try:
            return _session(self.api.transactions.cancel(psp_reference))
        except CLIENT_ERRORS as exc:
            raise _gateway_error(exc) from exc

    def refund(
        self,
        *,
        payment_reference: str,
        amount: int,
        currency: str,
        idempotency_key: str,
        metadata: Mapping[str, str],
    ) -> RefundResult:
        """Midtrans refunds QRIS and e-wallet payments; a virtual account answers 412 and the
        refund falls back to a manual transfer (``GatewayError`` not retryable)."""
        params = {
            "refund_key": idempotency_key,
            "amount": amount,
            "reason": str(metadata.get("reason", "Pasar UPPKS refund"))[:255],
        }
        try:
            raw = self.api.transactions.refund(payment_reference, params)
        except CLIENT_ERRORS as exc:
            raise _gateway_error(exc) from exc
        refunded = to_rupiah(raw.get("refund_amount"))
        return RefundResult(
            psp_reference=str(raw.get("refund_chargeback_id") or raw.get("refund_key") or ""),
            status="succeeded" if str(raw.get("status_code")) == "200" else "pending",
            amount=refunded if refunded is not None else -1,
            currency=(raw.get("currency") or "IDR").upper(),
            payment_reference=raw.get("transaction_id") or payment_reference,
            idempotency_key=raw.get("refund_key") or idempotency_key,
            raw=dict(raw),
        )

    # ---- notifications ---------------------------------------------------------------------
    def parse_webhook(self, payload: bytes, headers: Mapping[str, str]) -> GatewayEvent:
        try:
            body = json.loads(payload)
        except (ValueError, UnicodeDecodeError) as exc:
            raise WebhookVerificationError(f"payload is not JSON: {exc}") from exc
        if not isinstance(body, dict):
            raise WebhookVerificationError("payload is not a JSON object")
        fields = ("order_id", "status_code", "gross_amount", "signature_key")
        if any(not isinstance(body.get(name), str) for name in fields):
            raise WebhookVerificationError(
                "notification lacks order_id, status_code, amount or key"
            )
        expected = signature_key(
            body["order_id"], body["status_code"], body["gross_amount"], self.server_key
        )
        if not hmac.compare_digest(expected, body["signature_key"].lower()):
            raise WebhookVerificationError("signature_key does not match")
        return notification_event(body)


def _event_kind(status: str, fraud_status: str) -> EventKind:
    if status == "settlement" or (status == "capture" and fraud_status in ("accept", "")):
        return EventKind.CHARGE_SUCCEEDED
    if status in ("expire", "cancel"):
        return EventKind.CHARGE_CANCELED
    if status in ("deny", "failure"):
        return EventKind.CHARGE_FAILED
    if status in ("refund", "partial_refund"):
        return EventKind.REFUNDS_UPDATED
    if status in ("pending", "capture"):
        return EventKind.CHARGE_PROCESSING
    return EventKind.OTHER


def _refunds(body: Mapping) -> tuple[RefundResult, ...]:
    results = []
    for item in body.get("refunds") or []:
        amount = to_rupiah(item.get("refund_amount"))
        results.append(
            RefundResult(
                psp_reference=str(item.get("refund_chargeback_id") or item.get("refund_key", "")),
                status="succeeded",
                amount=amount if amount is not None else -1,
                currency=(body.get("currency") or "IDR").upper(),
                payment_reference=body.get("transaction_id") or "",
                idempotency_key=item.get("refund_key") or "",
                raw=dict(item),
            )
        )
    return tuple(results)


def notification_event(body: Mapping) -> GatewayEvent:
    """A verified notification as our event. Midtrans gives no event id: a transaction's
    status is the event (a replay carries the same status, so the same id)."""
    status = body.get("transaction_status") or ""
    refunds = _refunds(body)
    event_id = f"{body.get('transaction_id') or body['order_id']}:{status}"
    if refunds:
        event_id += f":{len(refunds)}"
    amount = to_rupiah(body.get("gross_amount"))
    return GatewayEvent(
        id=event_id,
        type=f"midtrans.{status or 'unknown'}",
        kind=_event_kind(status, body.get("fraud_status") or ""),
        created=_jakarta_time(body.get("transaction_time") or ""),
        payment_reference=body.get("transaction_id") or "",
        amount=amount,
        amount_is_whole=amount is not None,
        currency=(body.get("currency") or "IDR").upper(),
        metadata={"transaction_token": body["order_id"]},
        message=body.get("status_message") or "",
        refunds=refunds,
        raw=dict(body),
    )
