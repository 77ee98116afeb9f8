"""Which products a request may see, and the one sales channel."""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.catalog.models import Product, ProductStatus

from ..core.permissions import current_user, member_group_ids


def from_channel(channel: str | None) -> str:
    """The channel slug; there is one channel, so any other slug is an error."""
    if channel is None or channel == settings.DEFAULT_CHANNEL_SLUG:
        return settings.DEFAULT_CHANNEL_SLUG
    raise GraphQLError(
        _("Channel with '%(slug)s' slug does not exist.") % {"slug": channel},
        extensions={"exception": {"code": "NOT_FOUND"}},
    )


def visible_products(info) -> QuerySet:
    """Published products of active groups, for everyone (lists and storefront look-ups)."""
    return Product.objects.published()


def reachable_products(info) -> QuerySet:
    """One product by id or slug: also the member's own group's drafts, and staff's province."""
    user = current_user(info)
    condition = Q(status=ProductStatus.APPROVED, group__is_active=True)
    if user is not None:
        groups = member_group_ids(info)
        if groups:
            condition |= Q(group_id__in=groups)
        if user.is_staff:
            scope = user.scoped_province_code
            if scope is None:
                return Product.objects.all()
            condition |= Q(group__regency__province_id=scope)
    return Product.objects.filter(condition)
