"""updateMetadata: a storefront's public notes on a cart (Saleor's storefront keeps the
shopper's marketing consent there). Only checkouts take metadata through the API."""

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout.services import update_metadata

from ...core.ids import InvalidIdError, from_global_id_or_error
from ...core.metadata import MetadataError, MetadataInput
from ...core.mutations import MarketplaceMutation, MutationError
from ...product.types import ObjectWithMetadata
from .base import CheckoutMutation, find_checkout


class UpdateMetadata(MarketplaceMutation):
    item = graphene.Field(ObjectWithMetadata)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a checkout to update.")
        input = graphene.List(
            graphene.NonNull(MetadataInput), required=True, description="Fields required to update."
        )

    class Meta:
        description = (
            "Updates public metadata of a checkout (the one object whose metadata clients "
            "write here). Never store sensitive information in it."
        )
        error_type = MetadataError
        legacy_errors_field = "metadata_errors"

    @classmethod
    def error(cls, code, message, field=None, **extra):
        return super().error(code, message, "input" if field == "metadata" else field)

    @classmethod
    def handle(cls, info, *, id, input):
        try:
            type_name, _pk = from_global_id_or_error(id)
        except InvalidIdError as err:
            raise MutationError("GRAPHQL_ERROR", str(err), field="id")
        if type_name != "Checkout":
            raise MutationError(
                "NOT_FOUND", _("Only a checkout's metadata can be updated."), field="id"
            )
        checkout = find_checkout(info, id=id)
        items = {item["key"]: item["value"] for item in input}
        update_metadata(checkout.pk, items)
        return cls(item=CheckoutMutation.reload(checkout))
