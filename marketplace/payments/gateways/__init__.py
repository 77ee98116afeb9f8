"""Payment providers behind one interface; add a provider by adding it to ``GATEWAYS``."""

from .base import (
    EventKind,
    GatewayError,
    GatewayEvent,
    PaymentGateway,
    PaymentSession,
    RefundResult,
    WebhookVerificationError,
)
from .midtrans import MidtransGateway
from .stripe_gateway import StripeGateway
from .xendit_gateway import XenditGateway

GATEWAYS: dict[str, type] = {
    "stripe": StripeGateway,
    "midtrans": MidtransGateway,
    "xendit": XenditGateway,
}


def get_gateway(name: str) -> PaymentGateway:
    """A ready client for the named provider (raises GatewayError when it is not configured)."""
    try:
        gateway_class = GATEWAYS[name]
    except KeyError:
        raise GatewayError(f"unknown payment gateway {name!r}", retryable=False) from None
    return gateway_class()


__all__ = [
    "GATEWAYS",
    "EventKind",
    "GatewayError",
    "GatewayEvent",
    "PaymentGateway",
    "PaymentSession",
    "RefundResult",
    "WebhookVerificationError",
    "get_gateway",
]
