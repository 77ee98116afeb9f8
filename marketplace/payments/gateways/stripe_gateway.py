"""Stripe through the official client: PaymentIntents, refunds and signed webhooks.

This module is the only place that knows Stripe's minor units. Stripe treats IDR as a two-decimal
currency, so whole rupiah are multiplied by 100 on the way out and divided on the way back.
"""

import json
from collections.abc import Mapping
from datetime import UTC, datetime

import stripe
from django.conf import settings

from .base import (
    EventKind,
    GatewayError,
    GatewayEvent,
    PaymentSession,
    RefundResult,
    WebhookVerificationError,
)

STRIPE_MINOR_UNITS_PER_RUPIAH = 100

EVENT_KINDS = {
    "payment_intent.succeeded": EventKind.CHARGE_SUCCEEDED,
    "payment_intent.payment_failed": EventKind.CHARGE_FAILED,
    "payment_intent.canceled": EventKind.CHARGE_CANCELED,
    "payment_intent.processing": EventKind.CHARGE_PROCESSING,
    "charge.refunded": EventKind.REFUNDS_UPDATED,
    "charge.refund.updated": EventKind.REFUNDS_UPDATED,
    "refund.updated": EventKind.REFUNDS_UPDATED,
    "refund.failed": EventKind.REFUNDS_UPDATED,
    "charge.dispute.created": EventKind.DISPUTE_OPENED,
}


def to_stripe_amount(rupiah: int) -> int:
    """Whole rupiah → the integer Stripe expects for IDR (Rp 25.000 → 2500000)."""
    if isinstance(rupiah, bool) or not isinstance(rupiah, int) or rupiah < 0:
        raise ValueError(f"amount must be a non-negative whole number of rupiah, not {rupiah!r}")
    return rupiah * STRIPE_MINOR_UNITS_PER_RUPIAH


def from_stripe_amount(minor: int) -> int:
    """Stripe's IDR integer → whole rupiah (2500000 → Rp 25.000); refuses fractions of a rupiah."""
    if isinstance(minor, bool) or not isinstance(minor, int) or minor < 0:
        raise ValueError(f"Stripe amount must be a non-negative integer, not {minor!r}")
    rupiah, remainder = divmod(minor, STRIPE_MINOR_UNITS_PER_RUPIAH)
    if remainder:
        raise ValueError(f"Stripe amount {minor} is not a whole number of rupiah")
    return rupiah


def _rupiah_or_none(minor) -> tuple[int | None, bool]:
    try:
        return from_stripe_amount(minor), True
    except ValueError:
        return None, False


def _session(intent: Mapping) -> PaymentSession:
    amount, _whole = _rupiah_or_none(intent.get("amount"))
    return PaymentSession(
        psp_reference=intent["id"],
        status=intent.get("status") or "",
        amount=amount if amount is not None else -1,
        currency=(intent.get("currency") or "").upper(),
        client_secret=intent.get("client_secret") or "",
        succeeded=intent.get("status") == "succeeded",
        raw=dict(intent),
    )


def _refund_result(refund: Mapping) -> RefundResult:
    amount, _whole = _rupiah_or_none(refund.get("amount"))
    status = refund.get("status") or "pending"
    if status not in ("succeeded", "failed", "pending"):
        status = "failed" if status == "canceled" else "pending"
    return RefundResult(
        psp_reference=refund.get("id") or "",
        status=status,
        amount=amount if amount is not None else -1,
        currency=(refund.get("currency") or "").upper(),
        payment_reference=refund.get("payment_intent") or "",
        idempotency_key=(refund.get("metadata") or {}).get("refund_token", ""),
        raw=dict(refund),
    )


def _gateway_error(exc: stripe.StripeError) -> GatewayError:
    retryable = (
        isinstance(exc, stripe.APIConnectionError | stripe.RateLimitError | stripe.APIError)
        or (getattr(exc, "http_status", None) or 0) >= 500
    )
    code = getattr(exc, "code", None) or type(exc).__name__
    return GatewayError(
        getattr(exc, "user_message", None) or str(exc), retryable=retryable, code=code
    )


class StripeGateway:
    name = "stripe"

    def __init__(self) -> None:
        if not settings.STRIPE_SECRET_KEY:
            raise GatewayError(
                "STRIPE_SECRET_KEY is not set", retryable=False, code="not_configured"
            )
        options = {}
        if settings.STRIPE_API_BASE:
            options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
        self.client = stripe.StripeClient(
            settings.STRIPE_SECRET_KEY,
            http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS),
            max_network_retries=2,
            **options,
        )

    def create_payment(
        self,
        *,
        amount: int,
        currency: str,
        metadata: Mapping[str, str],
        idempotency_key: str,
    ) -> PaymentSession:
        params = {
            "amount": to_stripe_amount(amount),
            "currency": currency.lower(),
            "metadata": dict(metadata),
        }
        try:
            intent = self.client.v1.payment_intents.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as exc:
            raise _gateway_error(exc) from exc
        return _session(intent.to_dict())

    def retrieve_payment(self, psp_reference: str) -> PaymentSession:
        try:
            intent = self.client.v1.payment_intents.retrieve(psp_reference)
        except stripe.StripeError as exc:
            raise _gateway_error(exc) from exc
        return _session(intent.to_dict())

    def cancel_payment(self, psp_reference: str) -> PaymentSession:
        try:
            intent = self.client.v1.payment_intents.cancel(psp_reference)
        except stripe.StripeError as exc:
            raise _gateway_error(exc) from exc
        return _session(intent.to_dict())

    def refund(
        self,
        *,
        payment_reference: str,
        amount: int,
        currency: str,
        idempotency_key: str,
        metadata: Mapping[str, str],
    ) -> RefundResult:
        params = {
            "payment_intent": payment_reference,
            "amount": to_stripe_amount(amount),
            "metadata": {**metadata, "refund_token": idempotency_key},
        }
        try:
            refund = self.client.v1.refunds.create(
                params=params, options={"idempotency_key": f"refund-{idempotency_key}"}
            )
        except stripe.StripeError as exc:
            raise _gateway_error(exc) from exc
        return _refund_result(refund.to_dict())

    def parse_webhook(self, payload: bytes, headers: Mapping[str, str]) -> GatewayEvent:
        signature = headers.get("Stripe-Signature") or headers.get("stripe-signature")
        if not signature:
            raise WebhookVerificationError("missing Stripe-Signature header")
        if not settings.STRIPE_WEBHOOK_SECRET:
            raise WebhookVerificationError("STRIPE_WEBHOOK_SECRET is not set")
        try:
            event = stripe.Webhook.construct_event(
                payload,
                signature,
                settings.STRIPE_WEBHOOK_SECRET,
                tolerance=settings.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
            )
        except stripe.SignatureVerificationError as exc:
            raise WebhookVerificationError(f"signature refused: {exc.user_message or exc}") from exc
        except ValueError as exc:
            raise WebhookVerificationError(f"payload is not JSON: {exc}") from exc
        return self._event(json.loads(payload), event.type)

    @staticmethod
    def _event(raw: dict, event_type: str) -> GatewayEvent:
        obj = (raw.get("data") or {}).get("object") or {}
        kind = EVENT_KINDS.get(event_type, EventKind.OTHER)
        created = raw.get("created")
        refunds: tuple[RefundResult, ...] = ()
        payment_reference = ""
        message = ""
        if obj.get("object") == "payment_intent":
            payment_reference = obj.get("id") or ""
            message = ((obj.get("last_payment_error") or {}).get("message")) or ""
        elif obj.get("object") == "charge":
            payment_reference = obj.get("payment_intent") or ""
            refunds = tuple(_refund_result(r) for r in (obj.get("refunds") or {}).get("data", []))
        elif obj.get("object") == "refund":
            payment_reference = obj.get("payment_intent") or ""
            refunds = (_refund_result(obj),)
        elif obj.get("object") == "dispute":
            payment_reference = obj.get("payment_intent") or ""
            message = obj.get("reason") or ""
        amount, whole = _rupiah_or_none(obj.get("amount"))
        return GatewayEvent(
            id=raw.get("id") or "",
            type=event_type,
            kind=kind,
            created=datetime.fromtimestamp(created, tz=UTC) if isinstance(created, int) else None,
            payment_reference=payment_reference,
            amount=amount,
            amount_is_whole=whole,
            currency=(obj.get("currency") or "").upper(),
            metadata=obj.get("metadata") or {},
            message=message,
            refunds=refunds,
            raw=raw,
        )
