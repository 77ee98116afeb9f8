"""deliveryOptionsCalculate: the delivery options of a cart (one: per-group shipping)."""

import graphene

from ...core.mutations import MarketplaceMutation
from ...core.types import Error
from ..delivery import Delivery
from ..types import delivery_plan
from .base import find_checkout


class DeliveryOptionsCalculateErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "graphql_error"
    NOT_FOUND = "not_found"
    INVALID = "invalid"


class DeliveryOptionsCalculateError(Error):
    code = DeliveryOptionsCalculateErrorCode(required=True)


class DeliveryOptionsCalculate(MarketplaceMutation):
    deliveries = graphene.NonNull(graphene.List(graphene.NonNull(Delivery)))

    class Arguments:
        id = graphene.ID(required=True, description="The checkout's ID.")

    class Meta:
        description = (
            "The cart's delivery options: one per-group delivery priced from the delivery "
            "address, none before it is set."
        )
        error_type = DeliveryOptionsCalculateError

    @classmethod
    def handle(cls, info, *, id):
        plan = delivery_plan(find_checkout(info, id=id))
        return cls(deliveries=[plan] if plan else [])

    @classmethod
    def mutate(cls, root, info, **data):
        result = super().mutate(root, info, **data)
        if result.deliveries is None:
            result.deliveries = []
        return result
