"""What every checkout mutation shares: finding the cart, reporting errors with variant IDs."""

import uuid

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.orders.models import Order as OrderModel

from ...core.ids import InvalidIdError, from_global_id_or_error, to_global_id
from ...core.mutations import MarketplaceMutation, MutationError
from ...core.permissions import current_user
from ...core.types import CheckoutError
from ..types import Checkout

FIELD_NAMES = {
    "variant": "variantId",
    "quantity": "quantity",
    "lines": "lines",
    "email": "email",
    "checkout": "id",
    "shipping_address": "shippingAddress",
    "payment_method": "paymentMethod",
    "first_name": "firstName",
    "street_address_1": "streetAddress1",
    "regency_code": "city",
    "district_code": "cityArea",
    "postal_code": "postalCode",
}


def checkout_token(id=None, token=None, checkout_id=None) -> uuid.UUID:
    value = id or checkout_id
    try:
        if value:
            _type, raw = from_global_id_or_error(value, "Checkout")
            return uuid.UUID(raw)
        if token:
            return uuid.UUID(str(token))
    except (InvalidIdError, ValueError):
        raise MutationError(
            "GRAPHQL_ERROR", _("Couldn't resolve id: %(id)s.") % {"id": value or token}, field="id"
        )
    raise MutationError("REQUIRED", _("Provide the checkout's id."), field="id")


def find_checkout(info, **lookup) -> CheckoutModel:
    """The cart by ID; a cart that belongs to an account is reachable only by that account."""
    token = checkout_token(**lookup)
    checkout = (
        CheckoutModel.objects.select_related("user", "regency", "province", "district")
        .filter(token=token)
        .first()
    )
    user = current_user(info)
    if checkout is None or (checkout.user_id and (user is None or user.pk != checkout.user_id)):
        raise MutationError("NOT_FOUND", _("Couldn't resolve to a node: checkout."), field="id")
    return checkout


def owned_by_caller(info, user_id) -> bool:
    """An account's cart, order or payment is reachable by that account only; a guest's by token."""
    user = current_user(info)
    return user_id is None or (user is not None and user.pk == user_id)


def order_of_token(info, token: uuid.UUID):
    """The order a cart became (it keeps the cart's token), if the caller may reach it."""
    order = OrderModel.objects.filter(token=token).first()
    if order is None or not owned_by_caller(info, order.user_id):
        return None
    return order


class CheckoutMutation(MarketplaceMutation):
    checkout = graphene.Field(Checkout)

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options):
        options.setdefault("error_type", CheckoutError)
        options.setdefault("legacy_errors_field", "checkout_errors")
        super().__init_subclass_with_meta__(**options)

    @classmethod
    def domain_error_extra(cls, err) -> dict:
        extra = {}
        if err.params.get("variant_id"):
            extra["variants"] = [to_global_id("ProductVariant", err.params["variant_id"])]
        if err.params.get("line_id"):
            extra["lines"] = [to_global_id("CheckoutLine", err.params["line_id"])]
        return extra

    @classmethod
    def error(cls, code, message, field=None, **extra):
        return super().error(code, message, FIELD_NAMES.get(field, field), **extra)

    @classmethod
    def reload(cls, checkout: CheckoutModel) -> CheckoutModel:
        return CheckoutModel.objects.select_related("user", "regency", "province", "district").get(
            pk=checkout.pk
        )


class CheckoutIdArguments:
    id = graphene.ID(description="The checkout's ID.")
    checkout_id = graphene.ID(deprecation_reason="Use `id` instead.")
    token = graphene.UUID(deprecation_reason="Use `id` instead.")


class PromoCodeCheckoutIdArguments(CheckoutIdArguments):
    """Saleor's storefront names the checkout of its promo-code mutations by ``checkoutId``.

    Its code generation reads our schema through GraphQL.js's default introspection query,
    which leaves deprecated arguments out, so here the argument stays undeprecated.
    """

    checkout_id = graphene.ID(description="The checkout's ID (as `id`; prefer `id`).")
