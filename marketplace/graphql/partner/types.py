"""Wholesale terms in the API (issue 18): ``ProductVariant.wholesale`` for approved partners.

The wholesale "channel" (docs/ARCHITECTURE.md): its tiers, MOQ and lead time are shown only to
a user acting for an approved partner account; everyone else (anonymous, consumers, pending or
rejected partners) reads ``null``. Offers load in one batch per request.
"""

import graphene

from marketplace.partners.services import partner_membership
from marketplace.partners.wholesale import offers_for_variants

from ..core.dataloaders import DataLoader
from ..core.permissions import current_user
from ..core.types import Money, money


class WholesaleOfferByVariantIdLoader(DataLoader):
    def batch_load(self, keys):
        offers = offers_for_variants(list(keys))
        return [offers.get(key) for key in keys]


def is_approved_partner(info) -> bool:
    """Whether the caller acts for an approved partner (memoised per request)."""
    context = info.context
    cached = getattr(context, "_is_approved_partner", None)
    if cached is None:
        cached = partner_membership(current_user(info)) is not None
        context._is_approved_partner = cached
    return cached


class WholesalePriceTier(graphene.ObjectType):
    min_quantity = graphene.Int(required=True, description="From this many units on.")
    price = graphene.Field(Money, required=True, description="Unit price from that quantity.")

    class Meta:
        description = "One wholesale price tier: from a quantity on, a unit costs this price."

    @staticmethod
    def resolve_min_quantity(root, info):
        return root.min_quantity

    @staticmethod
    def resolve_price(root, info):
        return money(root.unit_price)


class WholesaleOffer(graphene.ObjectType):
    min_order_quantity = graphene.Int(required=True, description="Minimum order quantity.")
    lead_time_days = graphene.Int(required=True, description="Days to have an order ready.")
    tiers = graphene.NonNull(
        graphene.List(graphene.NonNull(WholesalePriceTier)),
        description="Price tiers, by rising quantity (prices fall).",
    )

    class Meta:
        description = "A group's wholesale terms for a variant. Visible to approved partners only."

    @staticmethod
    def resolve_tiers(root, info):
        return list(root.tiers.all())


def resolve_variant_wholesale(variant, info):
    if not is_approved_partner(info):
        return None
    return WholesaleOfferByVariantIdLoader(info.context).load(variant.pk)
