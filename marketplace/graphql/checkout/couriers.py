"""Courier services of a group parcel (issue 21): what the buyer may pick, priced and timed."""

import graphene

from ..core.types import Money, money


class CourierRate(graphene.ObjectType):
    courier = graphene.String(required=True, description="Courier code (`jne`, `sicepat`...).")
    courier_name = graphene.String(required=True)
    service = graphene.String(required=True, description="Service code (`reg`, `ez`...).")
    service_name = graphene.String(required=True)
    price = graphene.Field(Money, required=True)
    minimum_delivery_days = graphene.Int(required=True)
    maximum_delivery_days = graphene.Int(required=True)
    cash_on_delivery = graphene.Boolean(required=True)

    class Meta:
        description = "One courier service for a group's parcel, from the group's kecamatan."

    @staticmethod
    def resolve_price(root, info):
        return money(root.price)

    @staticmethod
    def resolve_minimum_delivery_days(root, info):
        return root.etd_days[0]

    @staticmethod
    def resolve_maximum_delivery_days(root, info):
        return root.etd_days[1]

    @staticmethod
    def resolve_cash_on_delivery(root, info):
        return root.cod
