"""Saleor's one delivery method for a cart that ships as one parcel per group.

Saleor's checkout has one delivery method; here each producing group ships its own parcel
from its own kabupaten. The API offers exactly one ``ShippingMethod`` (id ``per-group``) whose
price is the sum of the groups' shipments and whose name says how many parcels come ("Pengiriman
dari 2 kelompok"). The breakdown is readable in two places: ``Checkout.shipments`` (typed: group,
lines, weight, shipping price) and the method's public metadata item ``shipments`` (a JSON list
of ``{uppksGroup, name, weightGrams, price}``), which any Saleor client already knows how to read.
"""

import json
from dataclasses import dataclass

import graphene
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.core.money import format_rupiah

from ..core.ids import to_global_id
from ..core.types import MetadataItem, Money, money

PER_GROUP_METHOD = "per-group"
MIN_DELIVERY_DAYS = 2
MAX_DELIVERY_DAYS = 7


@dataclass(frozen=True)
class ParcelPlan:
    group_id: int
    group_name: str
    weight_g: int
    price: int


@dataclass(frozen=True)
class DeliveryPlan:
    """What the one method stands for: one parcel per group, priced from the rate table."""

    parcels: tuple[ParcelPlan, ...]

    @property
    def price(self) -> int:
        return sum(parcel.price for parcel in self.parcels)

    @property
    def name(self) -> str:
        if len(self.parcels) == 1:
            return _("Delivery from %(group)s") % {"group": self.parcels[0].group_name}
        return ngettext(
            "Delivery from %(count)d group", "Delivery from %(count)d groups", len(self.parcels)
        ) % {"count": len(self.parcels)}

    def breakdown(self) -> list[dict]:
        return [
            {
                "uppksGroup": to_global_id("UppksGroup", parcel.group_id),
                "name": parcel.group_name,
                "weightGrams": parcel.weight_g,
                "price": parcel.price,
            }
            for parcel in self.parcels
        ]


def plan_of_summary(summary) -> DeliveryPlan:
    return DeliveryPlan(
        tuple(
            ParcelPlan(s.group.pk, s.group.name, s.weight_g, s.shipping_price)
            for s in summary.shipments
        )
    )


def plan_of_fulfillments(fulfillments, groups_by_id: dict) -> DeliveryPlan:
    return DeliveryPlan(
        tuple(
            ParcelPlan(f.group_id, groups_by_id[f.group_id].name, f.weight_g, f.shipping_price)
            for f in fulfillments
        )
    )


class ShippingMethod(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.JSONString()
    maximum_delivery_days = graphene.Int()
    minimum_delivery_days = graphene.Int()
    price = graphene.Field(Money, required=True)
    active = graphene.Boolean(required=True)
    message = graphene.String()
    metadata = graphene.NonNull(
        graphene.List(graphene.NonNull(MetadataItem)),
        description="`shipments`: JSON list of the per-group parcels and their prices.",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = (
            "Delivery by each group from its own kabupaten: one parcel per group, the price "
            "is their sum; the per-group breakdown is in the `shipments` metadata item."
        )

    @staticmethod
    def resolve_id(root: DeliveryPlan, info):
        return PER_GROUP_METHOD

    @staticmethod
    def resolve_name(root: DeliveryPlan, info):
        return root.name

    @staticmethod
    def resolve_price(root: DeliveryPlan, info):
        return money(root.price)

    @staticmethod
    def resolve_active(root, info):
        return True

    @staticmethod
    def resolve_message(root: DeliveryPlan, info):
        return "; ".join(
            f"{parcel.group_name}: {format_rupiah(parcel.price)}" for parcel in root.parcels
        )

    @staticmethod
    def resolve_minimum_delivery_days(root, info):
        return MIN_DELIVERY_DAYS

    @staticmethod
    def resolve_maximum_delivery_days(root, info):
        return MAX_DELIVERY_DAYS

    @staticmethod
    def resolve_metadata(root: DeliveryPlan, info):
        return [{"key": "shipments", "value": json.dumps(root.breakdown(), ensure_ascii=False)}]


class Delivery(graphene.ObjectType):
    id = graphene.ID(required=True)
    shipping_method = graphene.Field(ShippingMethod)

    class Meta:
        description = "A delivery option of a checkout (Saleor 3.23+)."

    @staticmethod
    def resolve_id(root: DeliveryPlan, info):
        return to_global_id("Delivery", PER_GROUP_METHOD)

    @staticmethod
    def resolve_shipping_method(root: DeliveryPlan, info):
        return root


DELIVERY_IDS = (("Delivery", PER_GROUP_METHOD), ("ShippingMethod", PER_GROUP_METHOD))
