"""Saleor's discount, voucher and delivery-method shapes on an order.

No discounts or vouchers exist here: ``Order.discounts`` is empty and ``Order.voucher`` null.
``Order.deliveryMethod`` is the one per-group delivery (see ``checkout.delivery``), built from
the order's fulfilments, so it names and prices exactly what the order charged.
"""

import graphene

from ..checkout.delivery import ShippingMethod, plan_of_fulfillments
from ..core.dataloaders import then
from ..core.types import Money
from ..group.types import Warehouse
from ..product.dataloaders import UppksGroupByIdLoader
from .dataloaders import FulfillmentsByOrderIdLoader


class OrderDiscountType(graphene.Enum):
    SALE = "SALE"
    VOUCHER = "VOUCHER"
    MANUAL = "MANUAL"
    PROMOTION = "PROMOTION"
    ORDER_PROMOTION = "ORDER_PROMOTION"


class DiscountValueTypeEnum(graphene.Enum):
    FIXED = "FIXED"
    PERCENTAGE = "PERCENTAGE"


class OrderDiscount(graphene.ObjectType):
    type = OrderDiscountType(required=True)
    name = graphene.String()
    translated_name = graphene.String()
    value_type = DiscountValueTypeEnum(required=True)
    value = graphene.Float(required=True)
    reason = graphene.String()
    amount = graphene.Field(Money, required=True)
    total = graphene.Field(Money, required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "No discounts are given here: `Order.discounts` is always empty."


class Voucher(graphene.ObjectType):
    name = graphene.String()
    code = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "No vouchers exist here: `Order.voucher` is always null."


class DeliveryMethod(graphene.Union):
    class Meta:
        types = (Warehouse, ShippingMethod)

    @classmethod
    def resolve_type(cls, instance, info):
        return ShippingMethod


def order_delivery_plan(info, order):
    """The per-group delivery of a placed order, from its fulfilments (two batched loads)."""

    def with_groups(fulfillments):
        groups = UppksGroupByIdLoader(info.context).load_many([f.group_id for f in fulfillments])
        return then(
            groups,
            lambda rows: plan_of_fulfillments(fulfillments, {g.pk: g for g in rows if g}),
        )

    return then(FulfillmentsByOrderIdLoader(info.context).load(order.pk), with_groups)
