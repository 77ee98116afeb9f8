"""checkoutShipmentCourierUpdate: the buyer picks the courier service of one group's parcel."""

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout.services import choose_courier

from ...core.ids import InvalidIdError, from_global_id_or_error
from ...core.mutations import MutationError
from .base import CheckoutIdArguments, CheckoutMutation, find_checkout


class CheckoutShipmentCourierUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        uppks_group = graphene.ID(required=True, description="The group shipping the parcel.")
        courier = graphene.String(required=True, description="`CourierRate.courier`.")
        service = graphene.String(required=True, description="`CourierRate.service`.")

    class Meta:
        description = (
            "Pick the courier service of one group's parcel from `CheckoutShipment."
            "courierOptions`; until then the cheapest is charged."
        )

    @classmethod
    def handle(cls, info, *, uppks_group, courier, service, id=None, checkout_id=None, token=None):
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        try:
            _type, raw = from_global_id_or_error(uppks_group, "UppksGroup")
            group_id = int(raw)
        except (InvalidIdError, ValueError):
            raise MutationError(
                "GRAPHQL_ERROR",
                _("Couldn't resolve id: %(id)s.") % {"id": uppks_group},
                field="uppksGroup",
            )
        choose_courier(checkout.pk, group_id=group_id, courier=courier, service=service)
        return cls(checkout=cls.reload(checkout))
