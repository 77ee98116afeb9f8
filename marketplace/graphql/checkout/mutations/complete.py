"""checkoutComplete: place the order (routing and stock allocation happen in the service).

A cart whose payment was started (``transactionInitialize``) is already an order with the
cart's token: completing it again answers that order, as Saleor answers a completed checkout.
"""

import graphene

from marketplace.checkout.services import complete_checkout

from ...core.mutations import MutationError
from ...core.permissions import current_user
from ...order.types import Order
from .base import (
    CheckoutIdArguments,
    CheckoutMutation,
    checkout_token,
    find_checkout,
    order_of_token,
)


class CheckoutComplete(CheckoutMutation):
    order = graphene.Field(Order, description="Placed order.")
    confirmation_needed = graphene.Boolean(required=True)
    confirmation_data = graphene.JSONString()

    class Arguments(CheckoutIdArguments):
        payment_data = graphene.JSONString(description="Ignored: payment follows the order.")
        redirect_url = graphene.String()
        store_source = graphene.Boolean(default_value=False)

    class Meta:
        description = "Completes the checkout: one order, one fulfilment per producing group."

    @classmethod
    def handle(cls, info, *, id=None, checkout_id=None, token=None, **_):
        try:
            checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        except MutationError as err:
            placed = order_of_token(info, checkout_token(id, token, checkout_id))
            if err.code != "NOT_FOUND" or placed is None:
                raise
            return cls(order=placed, confirmation_needed=False)
        order = complete_checkout(checkout.pk, user=current_user(info))
        return cls(order=order, confirmation_needed=False)

    @classmethod
    def mutate(cls, root, info, **data):
        result = super().mutate(root, info, **data)
        if result.confirmation_needed is None:
            result.confirmation_needed = False
        return result
