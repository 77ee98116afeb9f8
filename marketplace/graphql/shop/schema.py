"""shop, channel and channels."""

import graphene
from django.conf import settings
from django.utils.translation import gettext as _
from graphql import GraphQLError

from ..core.ids import InvalidIdError, from_global_id_or_error
from .types import THE_CHANNEL, Channel, Shop


class ShopQueries(graphene.ObjectType):
    shop = graphene.Field(Shop, required=True, description="Return information about the shop.")
    channel = graphene.Field(
        Channel, id=graphene.ID(), slug=graphene.String(), description="Look up the channel."
    )
    channels = graphene.List(graphene.NonNull(Channel), description="List of all channels.")

    @staticmethod
    def resolve_shop(root, info):
        return {}

    @staticmethod
    def resolve_channel(root, info, id=None, slug=None):
        if id is not None:
            try:
                _type, pk = from_global_id_or_error(id, "Channel")
            except InvalidIdError as err:
                raise GraphQLError(str(err))
            return THE_CHANNEL if pk == "1" else None
        if slug is not None:
            return THE_CHANNEL if slug == settings.DEFAULT_CHANNEL_SLUG else None
        raise GraphQLError(_("Provide 'id' or 'slug' to look up a channel."))

    @staticmethod
    def resolve_channels(root, info):
        return [THE_CHANNEL]
