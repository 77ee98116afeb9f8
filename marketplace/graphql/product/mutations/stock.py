"""stockUpdate: a group member sets how many of a variant the group holds."""

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog.models import ProductVariant, Stock
from marketplace.catalog.services import set_stock

from ...core.mutations import MarketplaceMutation, MutationError
from ...core.permissions import member_group_ids, require_login
from ...core.types import StockError
from ..types import StockNode

STOCK_CODES = {"stock_below_allocated": "INVALID", "other_group_product": "NOT_FOUND"}


class StockUpdate(MarketplaceMutation):
    stock = graphene.Field(StockNode)

    class Arguments:
        variant_id = graphene.ID(required=True, description="ID of the variant.")
        quantity = graphene.Int(required=True, description="Units the group holds now.")
        uppks_group_id = graphene.ID(
            description="The member's group (needed only when the member has several)."
        )

    class Meta:
        description = "Set a group's stock of a variant (never below what orders reserved)."
        error_type = StockError
        legacy_errors_field = "stock_errors"

    @classmethod
    def error(cls, code, message, field=None, **extra):
        return super().error(STOCK_CODES.get(code.lower(), code), message, field, **extra)

    @classmethod
    def handle(cls, info, *, variant_id, quantity, uppks_group_id=None):
        user = require_login(info)
        groups = member_group_ids(info)
        if uppks_group_id is not None:
            group_id = cls.pk(uppks_group_id, "UppksGroup", field="uppksGroupId")
        elif len(groups) == 1:
            (group_id,) = groups
        else:
            raise MutationError("REQUIRED", _("Choose the group."), field="uppksGroupId")
        if group_id not in groups:
            raise MutationError(
                "NOT_FOUND", _("Couldn't resolve to a node: group."), field="uppksGroupId"
            )
        pk = cls.pk(variant_id, "ProductVariant", field="variantId")
        stocked = Stock.objects.filter(variant_id=pk, group_id=group_id).exists()
        own = ProductVariant.objects.filter(pk=pk, product__group_id=group_id).exists()
        if not (stocked or own):
            raise MutationError(
                "NOT_FOUND", _("Couldn't resolve to a node: variant."), field="variantId"
            )
        if quantity < 0:
            raise MutationError("INVALID", _("The stock cannot be negative."), field="quantity")
        return cls(stock=set_stock(pk, group_id=group_id, quantity=quantity, actor=user))
