"""Xendit payment requests (Payments API v2) through the official client ``xendit-python``:
QRIS, bank virtual accounts and e-wallets, status, expiry, refunds and the callbacks.

The client talks to ``settings.XENDIT_API_BASE_URL`` (``https://api.xendit.co`` by default)
through its own ``Configuration(host=...)``. Requests are built from the client's models; the
answers are read as JSON (``_preload_content=False``) so that a field Xendit adds later never
breaks a payment. Our transaction's token is the payment request's ``reference_id`` and its
idempotency key, so one order can try several channels and a retried start never pays twice.
Callbacks are authenticated by the ``x-callback-token`` header (the dashboard's verification
token), compared in constant time.
"""

import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

import urllib3
from django.conf import settings
from xendit import ApiClient, Configuration, XenditSdkException
from xendit.apis import PaymentMethodApi, PaymentRequestApi, RefundApi
from xendit.payment_method.model.payment_method_expire_parameters import (
    PaymentMethodExpireParameters,
)
from xendit.payment_request.model.e_wallet_channel_code import EWalletChannelCode
from xendit.payment_request.model.e_wallet_channel_properties import EWalletChannelProperties
from xendit.payment_request.model.e_wallet_parameters import EWalletParameters
from xendit.payment_request.model.payment_method_parameters import PaymentMethodParameters
from xendit.payment_request.model.payment_method_reusability import PaymentMethodReusability
from xendit.payment_request.model.payment_method_type import PaymentMethodType
from xendit.payment_request.model.payment_request_currency import PaymentRequestCurrency
from xendit.payment_request.model.payment_request_parameters import PaymentRequestParameters
from xendit.payment_request.model.qr_code_channel_code import QRCodeChannelCode
from xendit.payment_request.model.qr_code_channel_properties import QRCodeChannelProperties
from xendit.payment_request.model.qr_code_parameters import QRCodeParameters
from xendit.payment_request.model.virtual_account_channel_code import VirtualAccountChannelCode
from xendit.payment_request.model.virtual_account_channel_properties import (
    VirtualAccountChannelProperties,
)
from xendit.payment_request.model.virtual_account_parameters import VirtualAccountParameters
from xendit.refund.model.create_refund import CreateRefund

from .base import (
    EventKind,
    GatewayError,
    GatewayEvent,
    PaymentSession,
    RefundResult,
    WebhookVerificationError,
)

# our channel → (what the customer pays with, Xendit's channel code)
CHANNELS: dict[str, str] = {
    "qris": "qris",
    "bca": "virtual_account",
    "bni": "virtual_account",
    "bri": "virtual_account",
    "mandiri": "virtual_account",
    "permata": "virtual_account",
    "ovo": "ewallet",
    "dana": "ewallet",
    "shopeepay": "ewallet",
    "linkaja": "ewallet",
}
CHANNEL_CODES = {channel: channel.upper() for channel in CHANNELS}
CALLBACK_TOKEN_HEADER = "x-callback-token"


def to_rupiah(value) -> int | None:
    """Xendit's amount (94000, 94000.0, "94000") → whole rupiah, or None for a fraction."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if amount < 0 or amount != amount.to_integral_value():
        return None
    return int(amount)


def _time(text) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _method(raw: Mapping) -> tuple[str, dict]:
    """The payment method's type and its channel properties from a payment request."""
    method = raw.get("payment_method") or {}
    kind = str(method.get("type") or "").lower()
    detail = method.get(kind) or {}
    return kind, detail.get("channel_properties") or {}


def _action(raw: Mapping, *, desktop: bool) -> dict:
    """What the customer needs, in the shape the payment page draws for every provider."""
    kind, props = _method(raw)
    if kind == "qr_code" and props.get("qr_string"):
        return {"kind": "qr", "qr_string": props["qr_string"]}
    if kind == "virtual_account" and props.get("virtual_account_number"):
        channel = (raw.get("payment_method") or {}).get("virtual_account", {}).get("channel_code")
        return {
            "kind": "va",
            "bank": str(channel or "").lower(),
            "va_number": props["virtual_account_number"],
        }
    actions = raw.get("actions") or []
    if desktop:
        qr = next((a.get("qr_code") for a in actions if a.get("qr_code")), None)
        if qr:
            return {"kind": "qr", "qr_string": qr}
    order = ("WEB", "DEEPLINK", "MOBILE") if desktop else ("DEEPLINK", "MOBILE", "WEB")
    for url_type in order:
        url = next((a.get("url") for a in actions if a.get("url_type") == url_type), None)
        if url:
            return {"kind": "deeplink", "url": url}
    return {}


def _session(raw: Mapping, *, desktop: bool = False) -> PaymentSession:
    amount = to_rupiah(raw.get("amount"))
    status = str(raw.get("status") or "")
    _kind, props = _method(raw)
    return PaymentSession(
        psp_reference=str(raw.get("id") or ""),
        status=status.lower(),
        amount=amount if amount is not None else -1,
        currency=str(raw.get("currency") or "IDR").upper(),
        succeeded=status == "SUCCEEDED",
        raw=dict(raw),
        action=_action(raw, desktop=desktop),
        expires_at=_time(props.get("expires_at")),
    )


def _gateway_error(exc: Exception) -> GatewayError:
    if isinstance(exc, XenditSdkException):
        status = str(exc.status or "")
        retryable = status in ("", "0") or status.startswith("5") or status == "429"
        message = exc.errorMessage or str(exc)
        return GatewayError(
            f"Xendit: {message}", retryable=retryable, code=str(exc.errorCode or status)
        )
    return GatewayError(f"Xendit unreachable: {exc}", retryable=True, code="unreachable")


CLIENT_ERRORS = (XenditSdkException, urllib3.exceptions.HTTPError, OSError, ValueError)


def _json(response) -> dict:
    try:
        body = json.loads(response.data or b"{}")
    except ValueError as exc:
        raise GatewayError(f"Xendit answered no JSON: {exc}", retryable=True, code="bad_response")
    if not isinstance(body, dict):
        raise GatewayError("Xendit answered no JSON object", retryable=True, code="bad_response")
    return body


class XenditGateway:
    name = "xendit"

    def __init__(self) -> None:
        if not settings.XENDIT_SECRET_KEY:
            raise GatewayError(
                "XENDIT_SECRET_KEY is not set", retryable=False, code="not_configured"
            )
        configuration = Configuration(
            host=settings.XENDIT_API_BASE_URL.rstrip("/"), api_key=settings.XENDIT_SECRET_KEY
        )
        configuration.retries = 0  # a dead Xendit answers at once; the caller decides to retry
        self.client = ApiClient(configuration)
        self.timeout = settings.XENDIT_TIMEOUT_SECONDS
        self.payment_requests = PaymentRequestApi(self.client)
        self.payment_methods = PaymentMethodApi(self.client)
        self.refunds = RefundApi(self.client)

    def _call(self, method, *args, **kwargs) -> dict:
        try:
            response = method(
                *args, _preload_content=False, _request_timeout=self.timeout, **kwargs
            )
        except CLIENT_ERRORS as exc:
            raise _gateway_error(exc) from exc
        return _json(response)

    # ---- payment requests ------------------------------------------------------------------
    def payment_method(self, *, channel: str, expires_at: datetime, metadata: Mapping) -> dict:
        """The client's ``PaymentMethodParameters`` for one of our channels."""
        if channel not in CHANNELS:
            raise GatewayError(f"unknown Xendit channel {channel!r}", retryable=False)
        kind, code = CHANNELS[channel], CHANNEL_CODES[channel]
        common = {
            "reusability": PaymentMethodReusability("ONE_TIME_USE"),
            "reference_id": str(metadata.get("transaction_token", "")),
        }
        if kind == "qris":
            return PaymentMethodParameters(
                type=PaymentMethodType("QR_CODE"),
                qr_code=QRCodeParameters(
                    channel_code=QRCodeChannelCode(code),
                    channel_properties=QRCodeChannelProperties(expires_at=expires_at),
                ),
                **common,
            )
        if kind == "virtual_account":
            name = str(metadata.get("first_name") or "Pembeli Pasar UPPKS")[:50]
            return PaymentMethodParameters(
                type=PaymentMethodType("VIRTUAL_ACCOUNT"),
                virtual_account=VirtualAccountParameters(
                    channel_code=VirtualAccountChannelCode(code),
                    channel_properties=VirtualAccountChannelProperties(
                        customer_name=name, expires_at=expires_at
                    ),
                ),
                **common,
            )
        properties = {"success_return_url": str(metadata.get("callback_url") or "")}
        if channel == "ovo":
            properties = {"mobile_number": str(metadata.get("phone") or "")}
        return PaymentMethodParameters(
            type=PaymentMethodType("EWALLET"),
            ewallet=EWalletParameters(
                channel_code=EWalletChannelCode(code),
                channel_properties=EWalletChannelProperties(
                    **{k: v for k, v in properties.items() if v}
                ),
            ),
            **common,
        )

    def create_payment(
        self,
        *,
        amount: int,
        currency: str,
        metadata: Mapping[str, str],
        idempotency_key: str,
    ) -> PaymentSession:
        """A payment request through ``metadata["channel"]``, once per idempotency key."""
        if currency.upper() != "IDR":
            raise GatewayError("Xendit charges rupiah here only", retryable=False)
        minutes = int(metadata.get("expiry_minutes") or settings.XENDIT_EXPIRY_MINUTES)
        expires_at = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=minutes)
        parameters = PaymentRequestParameters(
            currency=PaymentRequestCurrency("IDR"),
            amount=float(amount),
            reference_id=idempotency_key,
            description=f"Pasar UPPKS pesanan {metadata.get('order_number', '')}"[:255],
            payment_method=self.payment_method(
                channel=metadata.get("channel", ""), expires_at=expires_at, metadata=metadata
            ),
            metadata={
                "order_number": str(metadata.get("order_number", "")),
                "transaction_token": idempotency_key,
            },
        )
        raw = self._call(
            self.payment_requests.create_payment_request,
            idempotency_key=idempotency_key,
            payment_request_parameters=parameters,
        )
        return _session(raw, desktop=metadata.get("device") == "desktop")

    def retrieve_payment(self, psp_reference: str) -> PaymentSession:
        return _session(self._call(self.payment_requests.get_payment_request_by_id, psp_reference))

    def cancel_payment(self, psp_reference: str) -> PaymentSession:
        """Expire the payment request's one-time payment method (its QR or account number)."""
        session = self.retrieve_payment(psp_reference)
        method_id = (session.raw.get("payment_method") or {}).get("id")
        if session.succeeded or not method_id:
            return session
        self._call(
            self.payment_methods.expire_payment_method,
            method_id,
            payment_method_expire_parameters=PaymentMethodExpireParameters(),
        )
        return self.retrieve_payment(psp_reference)

    def refund(
        self,
        *,
        payment_reference: str,
        amount: int,
        currency: str,
        idempotency_key: str,
        metadata: Mapping[str, str],
    ) -> RefundResult:
        """A refund of a QRIS or e-wallet payment (Xendit refunds no virtual account payment:
        those refunds are written for a manual transfer before any call is made)."""
        raw = self._call(
            self.refunds.create_refund,
            idempotency_key=idempotency_key,
            create_refund=CreateRefund(
                payment_request_id=payment_reference,
                reference_id=idempotency_key,
                amount=float(amount),
                currency=currency.upper(),
                reason="REQUESTED_BY_CUSTOMER",
                metadata={
                    "order_number": str(metadata.get("order_number", "")),
                    "refund_id": str(metadata.get("refund_id", "")),
                },
            ),
        )
        return _refund_result(raw, payment_reference=payment_reference)

    # ---- callbacks -------------------------------------------------------------------------
    def parse_webhook(self, payload: bytes, headers: Mapping[str, str]) -> GatewayEvent:
        expected = settings.XENDIT_CALLBACK_TOKEN
        if not expected:
            raise GatewayError(
                "XENDIT_CALLBACK_TOKEN is not set", retryable=False, code="not_configured"
            )
        given = _header(headers, CALLBACK_TOKEN_HEADER)
        if not given or not hmac.compare_digest(given.encode(), expected.encode()):
            raise WebhookVerificationError("x-callback-token does not match")
        try:
            body = json.loads(payload)
        except (ValueError, UnicodeDecodeError) as exc:
            raise WebhookVerificationError(f"payload is not JSON: {exc}") from exc
        if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
            raise WebhookVerificationError("callback lacks event or data")
        if not isinstance(body.get("event"), str) or not body["data"].get("id"):
            raise WebhookVerificationError("callback lacks event or data")
        return callback_event(body)


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if value is None:
        value = next((v for k, v in headers.items() if k.lower() == name), "")
    return str(value or "")


def _refund_result(raw: Mapping, *, payment_reference: str = "") -> RefundResult:
    amount = to_rupiah(raw.get("amount"))
    status = str(raw.get("status") or "").upper()
    return RefundResult(
        psp_reference=str(raw.get("id") or ""),
        status={"SUCCEEDED": "succeeded", "FAILED": "failed"}.get(status, "pending"),
        amount=amount if amount is not None else -1,
        currency=str(raw.get("currency") or "IDR").upper(),
        payment_reference=str(raw.get("payment_request_id") or payment_reference),
        idempotency_key=str(raw.get("reference_id") or ""),
        raw=dict(raw),
    )


EVENT_KINDS = {
    "payment.succeeded": EventKind.CHARGE_SUCCEEDED,
    "payment.failed": EventKind.CHARGE_FAILED,
    "payment.pending": EventKind.CHARGE_PROCESSING,
    "payment_method.expired": EventKind.CHARGE_CANCELED,
    "refund.succeeded": EventKind.REFUNDS_UPDATED,
    "refund.failed": EventKind.REFUNDS_UPDATED,
}


def callback_event(body: Mapping) -> GatewayEvent:
    """A verified callback as our event. Xendit's callbacks carry no event id of their own:
    the event name with the object's id is one (a resent callback has the same)."""
    event, data = body["event"], body["data"]
    kind = EVENT_KINDS.get(event, EventKind.OTHER)
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    token = metadata.get("transaction_token") or ""
    payment_reference = str(data.get("payment_request_id") or "")
    refunds: tuple[RefundResult, ...] = ()
    extra = {}
    if event.startswith("refund."):
        refunds = (_refund_result(data),)
        extra["refund_token"] = str(data.get("reference_id") or "")
    else:  # a payment's or a payment method's reference_id is our transaction's token
        token = token or data.get("reference_id") or ""
    amount = to_rupiah(data.get("amount"))
    return GatewayEvent(
        id=f"{event}:{data['id']}",
        type=f"xendit.{event}",
        kind=kind,
        created=_time(body.get("created")),
        payment_reference=payment_reference,
        amount=amount,
        amount_is_whole=amount is not None,
        currency=str(data.get("currency") or "IDR").upper(),
        metadata={"transaction_token": str(token), **extra},
        message=str(data.get("failure_code") or ""),
        refunds=refunds,
        raw=dict(body),
    )
