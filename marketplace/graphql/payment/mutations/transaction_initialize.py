"""transactionInitialize: start paying a cart through one gateway.

The cart is placed as an order first (routing, stock allocation, the order's notices), then the
payment opens on it: a bank transfer with its unique amount, a Stripe PaymentIntent, or the test
gateway's charge. A retry with the same id finds the order and the payment already opened.
"""

import graphene
from django.conf import settings
from django.utils.translation import gettext as _

from marketplace.checkout.services import checkout_summary
from marketplace.core.money import format_rupiah
from marketplace.payments.checkout_payments import place_order_to_pay, start_order_payment
from marketplace.payments.models import TransactionEvent as TransactionEventModel

from ...core.mutations import MarketplaceMutation, MutationError
from ...core.permissions import current_user
from ...core.scalars import JSON, PositiveDecimal
from ..gateways import GATEWAY_OF_ID, available_gateway_ids
from ..types import (
    PaymentGatewayToInitialize,
    TransactionEvent,
    TransactionFlowStrategyEnum,
    TransactionInitializeError,
    TransactionItem,
    transaction_data,
)
from .base import checkout_or_order


def latest_event(txn):
    return (
        TransactionEventModel.objects.filter(transaction=txn).order_by("-created_at", "-pk").first()
    )


class TransactionInitialize(MarketplaceMutation):
    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(TransactionEvent)
    data = JSON()

    class Arguments:
        id = graphene.ID(required=True, description="The ID of the checkout or order.")
        action = TransactionFlowStrategyEnum(description="Only CHARGE: nothing is authorized here.")
        amount = PositiveDecimal(description="The whole total, when given.")
        payment_gateway = PaymentGatewayToInitialize(required=True)
        customer_ip_address = graphene.String(description="Ignored.")
        idempotency_key = graphene.String(description="Retries are idempotent by the cart's id.")

    class Meta:
        description = (
            "Starts paying: places the cart as an order and opens the payment on it. `data` has "
            "`paymentIntent.stripeClientSecret` for Stripe, `bankTransfer` (account, exact "
            "amount with the unique code, deadline, instructions) for bank transfer."
        )
        error_type = TransactionInitializeError

    @classmethod
    def handle(cls, info, *, id, payment_gateway, action=None, amount=None, **_ignored):
        gateway_id = payment_gateway["id"]
        if gateway_id not in available_gateway_ids():
            raise MutationError(
                "NOT_FOUND", _("This payment method is not available."), field="paymentGateway"
            )
        if getattr(action, "value", action) == "AUTHORIZATION":
            raise MutationError("INVALID", _("Payments are charged at once here."), field="action")
        checkout, order = checkout_or_order(info, id)
        total = checkout_summary(checkout).total if checkout else order.total
        if amount is not None and amount != total:
            raise MutationError(
                "INVALID",
                _("Pay the whole total of %(total)s at once.") % {"total": format_rupiah(total)},
                field="amount",
            )
        gateway = GATEWAY_OF_ID[gateway_id]
        if checkout is not None:
            order = place_order_to_pay(checkout.pk, gateway=gateway, user=current_user(info))
        txn = start_order_payment(order.pk, gateway=gateway)
        return cls(
            transaction=txn,
            transaction_event=latest_event(txn),
            data=transaction_data(txn, order, publishable_key=settings.STRIPE_PUBLISHABLE_KEY),
        )
