"""paymentGatewayInitialize: each available gateway's configuration for the payment step."""

import graphene
from django.utils.translation import gettext as _

from ...core.mutations import MarketplaceMutation
from ...core.scalars import PositiveDecimal
from ..gateways import available_gateway_ids, gateway_config
from ..types import PaymentGatewayConfig, PaymentGatewayInitializeError, PaymentGatewayToInitialize
from .base import checkout_or_order


def config_of(gateway_id: str, available: list[str]) -> dict:
    if gateway_id not in available:
        return {
            "id": gateway_id,
            "data": None,
            "errors": [
                {
                    "code": "not_found",
                    "field": "id",
                    "message": _("This payment method is not available."),
                }
            ],
        }
    return {"id": gateway_id, "data": gateway_config(gateway_id), "errors": []}


class PaymentGatewayInitialize(MarketplaceMutation):
    gateway_configs = graphene.List(graphene.NonNull(PaymentGatewayConfig))

    class Arguments:
        id = graphene.ID(required=True, description="The ID of the checkout or order.")
        amount = PositiveDecimal(description="Ignored: the whole total is paid at once.")
        payment_gateways = graphene.List(
            graphene.NonNull(PaymentGatewayToInitialize),
            description="The gateways to initialize; all available ones when omitted.",
        )

    class Meta:
        description = (
            "Gateway configuration for the payment step: the Stripe publishable key under "
            "`stripePublishableKey`, the bank account for bank transfer."
        )
        error_type = PaymentGatewayInitializeError

    @classmethod
    def handle(cls, info, *, id, amount=None, payment_gateways=None):
        checkout_or_order(info, id)
        available = available_gateway_ids()
        requested = [g["id"] for g in payment_gateways] if payment_gateways else available
        return cls(gateway_configs=[config_of(gateway_id, available) for gateway_id in requested])
