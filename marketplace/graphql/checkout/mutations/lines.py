"""checkoutCreate, checkoutLinesAdd, checkoutLinesUpdate, checkoutLinesDelete."""

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout.models import CheckoutLine as CheckoutLineModel
from marketplace.checkout.services import (
    add_lines,
    create_checkout,
    delete_lines,
    set_shipping_address,
    update_lines,
)

from ...core.enums import LanguageCodeEnum, language_of
from ...core.mutations import MutationError
from ...core.permissions import current_user
from ...product.visibility import from_channel
from ..address import AddressInput, address_dict
from .base import CheckoutIdArguments, CheckoutMutation, find_checkout

MAX_LINES = 100


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    variant_id = graphene.ID(required=True, description="ID of the product variant.")
    price = graphene.Decimal(description="Custom price (not allowed for storefront clients).")
    force_new_line = graphene.Boolean(default_value=False)


class CheckoutLineUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(deprecation_reason="Use `lineId` instead.")
    quantity = graphene.Int(description="The number of items; 0 removes the line.")
    price = graphene.Decimal()
    line_id = graphene.ID(description="ID of the line.")


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String(description="Slug of a channel.")
    lines = graphene.List(graphene.NonNull(CheckoutLineInput))
    email = graphene.String(description="The customer's email address.")
    shipping_address = AddressInput()
    billing_address = AddressInput()
    language_code = LanguageCodeEnum()


def _check_count(lines) -> list:
    lines = list(lines or [])
    if len(lines) > MAX_LINES:
        raise MutationError(
            "INVALID", _("At most %(count)d lines at once.") % {"count": MAX_LINES}, field="lines"
        )
    for line in lines:
        if line.get("price") is not None:
            raise MutationError(
                "PRICE_OVERRIDE_REASON_WITHOUT_OVERRIDE",
                _("Prices can't be set by storefront clients."),
                field="price",
            )
    return lines


class CheckoutCreate(CheckoutMutation):
    created = graphene.Boolean(description="Whether the checkout was created.")

    class Arguments:
        input = CheckoutCreateInput(required=True)

    class Meta:
        description = "Create a new checkout."

    @classmethod
    def handle(cls, info, *, input):
        from_channel(input.get("channel"))
        lines = [
            (cls.pk(line["variant_id"], "ProductVariant", field="variantId"), line["quantity"])
            for line in _check_count(input.get("lines"))
        ]
        address = address_dict(input["shipping_address"]) if input.get("shipping_address") else None
        checkout = create_checkout(
            user=current_user(info),
            email=input.get("email") or "",
            lines=lines,
            language=language_of(input.get("language_code") or "ID"),
        )
        if address is not None:
            set_shipping_address(checkout.pk, address)
        return cls(checkout=cls.reload(checkout), created=True)


class CheckoutLinesAdd(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)

    class Meta:
        description = "Adds checkout lines (quantities add up for a variant already in the cart)."

    @classmethod
    def handle(cls, info, *, lines, id=None, checkout_id=None, token=None):
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        pairs = [
            (cls.pk(line["variant_id"], "ProductVariant", field="variantId"), line["quantity"])
            for line in _check_count(lines)
        ]
        add_lines(checkout.pk, pairs)
        return cls(checkout=cls.reload(checkout))


class CheckoutLinesUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        lines = graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True)

    class Meta:
        description = "Sets the quantities of checkout lines; 0 removes a line."

    @classmethod
    def handle(cls, info, *, lines, id=None, checkout_id=None, token=None):
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        pairs = []
        for line in _check_count(lines):
            if line.get("quantity") is None:
                raise MutationError("REQUIRED", _("Give the new quantity."), field="quantity")
            if line.get("line_id"):
                line_pk = cls.pk(line["line_id"], "CheckoutLine", field="lineId")
                variant_id = (
                    CheckoutLineModel.objects.filter(pk=line_pk, checkout=checkout)
                    .values_list("variant_id", flat=True)
                    .first()
                )
                if variant_id is None:
                    raise MutationError(
                        "NOT_FOUND", _("This line is not in the checkout."), field="lineId"
                    )
            elif line.get("variant_id"):
                variant_id = cls.pk(line["variant_id"], "ProductVariant", field="variantId")
            else:
                raise MutationError("REQUIRED", _("Give lineId or variantId."), field="lineId")
            pairs.append((variant_id, line["quantity"]))
        update_lines(checkout.pk, pairs)
        return cls(checkout=cls.reload(checkout))


class CheckoutLinesDelete(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        description = "Deletes checkout lines."

    @classmethod
    def handle(cls, info, *, lines_ids, id=None, checkout_id=None, token=None):
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        line_pks = [cls.pk(value, "CheckoutLine", field="linesIds") for value in lines_ids]
        known = set(
            CheckoutLineModel.objects.filter(checkout=checkout, pk__in=line_pks).values_list(
                "pk", flat=True
            )
        )
        if set(line_pks) - known:
            raise MutationError(
                "INVALID", _("Some lines are not in the checkout."), field="linesIds"
            )
        delete_lines(checkout.pk, line_pks)
        return cls(checkout=cls.reload(checkout))


class CheckoutLineDelete(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        line_id = graphene.ID(description="ID of the checkout line to delete.")

    class Meta:
        description = "Deletes a checkout line (Saleor's older single-line form)."

    @classmethod
    def handle(cls, info, *, line_id=None, id=None, checkout_id=None, token=None):
        if not line_id:
            raise MutationError("REQUIRED", _("Give the line to delete."), field="lineId")
        deleted = CheckoutLinesDelete.handle(
            info, lines_ids=[line_id], id=id, checkout_id=checkout_id, token=token
        )
        return cls(checkout=deleted.checkout)
