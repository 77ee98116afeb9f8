"""order, orderByToken, myGroupFulfillments and the fulfilment mutations."""

import uuid

import graphene
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.orders.models import Fulfillment as FulfillmentModel
from marketplace.orders.models import Order as OrderModel

from ..core.ids import InvalidIdError, from_global_id_or_error
from ..core.pagination import paginate
from ..core.permissions import member_group_ids, require_group_member
from .mutations.fulfillment import FulfillmentAccept, FulfillmentReject, FulfillmentUpdateTracking
from .types import (
    FulfillmentCountableConnection,
    GroupFulfillmentStatus,
    Order,
    can_see_order,
)


def orders_queryset():
    return OrderModel.objects.select_related("regency", "province", "district", "user")


class GroupFulfillmentFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(GroupFulfillmentStatus))
    uppks_group = graphene.ID(description="One of the member's groups (all when omitted).")


class OrderQueries(graphene.ObjectType):
    order = graphene.Field(
        Order,
        id=graphene.ID(description="ID of an order."),
        external_reference=graphene.String(),
        description=(
            "Look up an order by ID: a guest's order for whoever holds its ID (personal data "
            "masked), an account's order for its buyer, or staff in their province."
        ),
    )
    order_by_token = graphene.Field(
        Order,
        token=graphene.UUID(required=True),
        description="Look up an order by its token (the link a guest receives).",
        deprecation_reason="Use `order(id:)` when signed in.",
    )
    my_group_fulfillments = graphene.Field(
        FulfillmentCountableConnection,
        filter=GroupFulfillmentFilterInput(),
        first=graphene.Int(),
        last=graphene.Int(),
        after=graphene.String(),
        before=graphene.String(),
        description="Shipments routed to the groups the signed-in member works for.",
    )

    @staticmethod
    def resolve_order(root, info, id=None, external_reference=None):
        if id is None:
            raise GraphQLError(_("Provide the order's id."))
        try:
            _type, token = from_global_id_or_error(id, "Order")
            token = uuid.UUID(token)
        except (InvalidIdError, ValueError) as err:
            raise GraphQLError(str(err))
        order = orders_queryset().filter(token=token).first()
        if order is None:
            return None
        # A guest's order is reached by its id (its token), as Saleor's order confirmation page
        # does; personal fields stay masked for anyone but the buyer (``can_see_order``).
        if order.user_id is None or can_see_order(info, order):
            return order
        return None

    @staticmethod
    def resolve_order_by_token(root, info, token):
        return orders_queryset().filter(token=token).first()

    @staticmethod
    def resolve_my_group_fulfillments(root, info, filter=None, **page):
        require_group_member(info)
        groups = member_group_ids(info)
        queryset = FulfillmentModel.objects.filter(group_id__in=groups)
        if filter:
            if filter.get("status"):
                queryset = queryset.filter(
                    status__in=[getattr(s, "value", s) for s in filter["status"]]
                )
            if filter.get("uppks_group"):
                try:
                    _type, pk = from_global_id_or_error(filter["uppks_group"], "UppksGroup")
                except InvalidIdError as err:
                    raise GraphQLError(str(err))
                queryset = queryset.filter(group_id=int(pk) if pk.isdigit() else -1)
        return paginate(
            queryset.order_by("-created_at", "-pk"), FulfillmentCountableConnection, **page
        )


class OrderMutations(graphene.ObjectType):
    fulfillment_accept = FulfillmentAccept.Field()
    fulfillment_reject = FulfillmentReject.Field()
    order_fulfillment_update_tracking = FulfillmentUpdateTracking.Field()
