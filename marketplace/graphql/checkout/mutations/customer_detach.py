"""checkoutCustomerDetach: the owner releases a cart from their account."""

from marketplace.checkout.services import detach_customer

from ...core.permissions import require_login
from .base import CheckoutIdArguments, CheckoutMutation, find_checkout


class CheckoutCustomerDetach(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        pass

    class Meta:
        description = (
            "Removes the user assigned as the owner of the checkout; only the owner may. "
            "A checkout owned by another account is not found."
        )

    @classmethod
    def handle(cls, info, *, id=None, checkout_id=None, token=None):
        user = require_login(info)
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        detach_customer(checkout.pk, user=user)
        return cls(checkout=cls.reload(checkout))
