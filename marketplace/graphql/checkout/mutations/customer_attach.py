"""checkoutCustomerAttach: a signed-in customer keeps a guest cart in their account."""

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout.services import attach_customer

from ...core.permissions import PermissionDenied, require_login
from .base import CheckoutIdArguments, CheckoutMutation, find_checkout


class CheckoutCustomerAttach(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        customer_id = graphene.ID(
            description=(
                "ID of customer to attach to checkout. Only the signed-in customer's own ID "
                "is accepted: there is no staff checkout management (IMPERSONATE_USER) here."
            )
        )

    class Meta:
        description = (
            "Sets the signed-in customer as the owner of the checkout; an empty email is "
            "taken from the account. A checkout owned by another account is not found."
        )

    @classmethod
    def handle(cls, info, *, id=None, checkout_id=None, token=None, customer_id=None):
        user = require_login(info)
        if customer_id and cls.pk(customer_id, "User", field="customerId") != user.pk:
            raise PermissionDenied(
                _(
                    "To access this path, you need one of the following permissions: "
                    "IMPERSONATE_USER"
                )
            )
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        attach_customer(checkout.pk, user=user)
        return cls(checkout=cls.reload(checkout))
