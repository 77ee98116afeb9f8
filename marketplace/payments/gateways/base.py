"""The interface every payment provider implements (Stripe now; Midtrans or Xendit later).

Services talk to a provider only through these types, in whole rupiah; each gateway converts to
its own minor units and its own event names. Orders never see a gateway.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class GatewayError(Exception):
    """The provider refused or could not be reached; ``retryable`` says whether to try again."""

    def __init__(self, message: str, *, retryable: bool, code: str = ""):
        super().__init__(message)
        self.retryable = retryable
        self.code = code


class WebhookVerificationError(Exception):
    """A notification that is unsigned, wrongly signed, stale or unreadable."""


class EventKind(StrEnum):
    """What a provider event means to us, whatever the provider calls it."""

    CHARGE_SUCCEEDED = "charge_succeeded"
    CHARGE_FAILED = "charge_failed"
    CHARGE_CANCELED = "charge_canceled"
    CHARGE_PROCESSING = "charge_processing"
    REFUNDS_UPDATED = "refunds_updated"
    DISPUTE_OPENED = "dispute_opened"
    OTHER = "other"


@dataclass(frozen=True)
class PaymentSession:
    """A provider-side payment (Stripe: a PaymentIntent) as the storefront needs it."""

    psp_reference: str
    status: str
    amount: int
    currency: str
    client_secret: str = ""
    succeeded: bool = False
    raw: dict = field(default_factory=dict)
    # what the customer does next (QR string, virtual account number, deep link): Midtrans
    action: dict = field(default_factory=dict)
    expires_at: datetime | None = None


@dataclass(frozen=True)
class RefundResult:
    psp_reference: str
    status: str  # "succeeded", "pending" or "failed"
    amount: int
    currency: str
    payment_reference: str = ""
    idempotency_key: str = ""
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class GatewayEvent:
    """A verified provider notification, with amounts already in whole rupiah."""

    id: str
    type: str
    kind: EventKind
    created: datetime | None
    payment_reference: str
    amount: int | None
    amount_is_whole: bool
    currency: str
    metadata: Mapping[str, str]
    message: str
    refunds: tuple[RefundResult, ...]
    raw: dict


class PaymentGateway(Protocol):
    name: str

    def create_payment(
        self,
        *,
        amount: int,
        currency: str,
        metadata: Mapping[str, str],
        idempotency_key: str,
    ) -> PaymentSession: ...

    def retrieve_payment(self, psp_reference: str) -> PaymentSession: ...

    def cancel_payment(self, psp_reference: str) -> PaymentSession: ...

    def refund(
        self,
        *,
        payment_reference: str,
        amount: int,
        currency: str,
        idempotency_key: str,
        metadata: Mapping[str, str],
    ) -> RefundResult: ...

    def parse_webhook(self, payload: bytes, headers: Mapping[str, str]) -> GatewayEvent: ...
