"""A group member works the group's fulfilments: accept, reject, ship with tracking."""

import graphene
from django.utils.translation import gettext as _

from marketplace.orders.models import Fulfillment as FulfillmentModel
from marketplace.orders.models import FulfillmentStatus
from marketplace.orders.services import (
    accept_fulfillment,
    pack_fulfillment,
    reject_fulfillment,
    ship_fulfillment,
)

from ...core.mutations import MarketplaceMutation, MutationError
from ...core.permissions import member_group_ids, require_login
from ...core.types import OrderError
from ..types import Fulfillment, Order

FIELD_NAMES = {"tracking_number": "trackingNumber", "fulfillment": "id"}


class FulfillmentMutation(MarketplaceMutation):
    fulfillment = graphene.Field(Fulfillment)
    order = graphene.Field(Order)

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options):
        options.setdefault("error_type", OrderError)
        options.setdefault("legacy_errors_field", "order_errors")
        super().__init_subclass_with_meta__(**options)

    @classmethod
    def error(cls, code, message, field=None, **extra):
        return super().error(code, message, FIELD_NAMES.get(field, field), **extra)

    @classmethod
    def own_fulfillment(cls, info, global_id: str) -> FulfillmentModel:
        """The fulfilment, if it belongs to one of the member's groups; else NOT_FOUND."""
        require_login(info)
        pk = cls.pk(global_id, "Fulfillment")
        fulfillment = FulfillmentModel.objects.filter(
            pk=pk, group_id__in=member_group_ids(info)
        ).first()
        if fulfillment is None:
            raise MutationError(
                "NOT_FOUND", _("Couldn't resolve to a node: fulfillment."), field="id"
            )
        return fulfillment

    @classmethod
    def done(cls, fulfillment_id: int):
        fulfillment = FulfillmentModel.objects.select_related("order").get(pk=fulfillment_id)
        return cls(fulfillment=fulfillment, order=None)


class FulfillmentAccept(FulfillmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the fulfillment to accept.")

    class Meta:
        description = "The group takes the shipment on (it has the goods and will send them)."

    @classmethod
    def handle(cls, info, *, id):
        fulfillment = cls.own_fulfillment(info, id)
        accept_fulfillment(fulfillment.pk, actor=info.context.user)
        return cls.done(fulfillment.pk)


class FulfillmentReject(FulfillmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the fulfillment to reject.")
        reason = graphene.String(required=True, description="Why the group can't send it.")

    class Meta:
        description = "The group can't send it: lines go to another group or are refunded."

    @classmethod
    def handle(cls, info, *, id, reason):
        fulfillment = cls.own_fulfillment(info, id)
        reject_fulfillment(fulfillment.pk, actor=info.context.user, reason=reason)
        return cls.done(fulfillment.pk)


class FulfillmentUpdateTrackingInput(graphene.InputObjectType):
    tracking_number = graphene.String(description="Fulfillment tracking number.")
    notify_customer = graphene.Boolean(
        default_value=False, description="The customer is always told when a parcel ships."
    )
    courier = graphene.String(description="Courier (JNE, J&T, POS Indonesia…).")


class FulfillmentUpdateTracking(FulfillmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of a fulfillment to update.")
        input = FulfillmentUpdateTrackingInput(required=True)

    class Meta:
        description = "Hand the parcel to the courier: records courier and tracking number."

    @classmethod
    def handle(cls, info, *, id, input):
        fulfillment = cls.own_fulfillment(info, id)
        courier = (input.get("courier") or "").strip()
        tracking = (input.get("tracking_number") or "").strip()
        if not courier:
            raise MutationError("REQUIRED", _("Enter the courier."), field="courier")
        if not tracking:
            raise MutationError("REQUIRED", _("Enter the tracking number."), field="trackingNumber")
        if fulfillment.status == FulfillmentStatus.ACCEPTED:
            pack_fulfillment(fulfillment.pk, actor=info.context.user)
        ship_fulfillment(
            fulfillment.pk, actor=info.context.user, courier=courier, tracking_number=tracking
        )
        return cls.done(fulfillment.pk)
