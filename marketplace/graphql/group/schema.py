"""Group queries: uppksGroups / uppksGroup, and Saleor's collections / collection."""

import graphene
from django.db.models import Q
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.groups.models import UppksGroup as UppksGroupModel

from ..core.enums import LanguageCodeEnum, slug_in_language
from ..core.ids import InvalidIdError, pk_from_global_id
from ..core.pagination import paginate
from ..product.visibility import from_channel
from .types import (
    Collection,
    CollectionCountableConnection,
    UppksGroup,
    UppksGroupCountableConnection,
)

PAGE_ARGUMENTS = {
    "first": graphene.Int(),
    "last": graphene.Int(),
    "after": graphene.String(),
    "before": graphene.String(),
}


class UppksGroupFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Part of the group's name.")
    province_code = graphene.String(description="Kemendagri province code, e.g. 51 for Bali.")
    regency_code = graphene.String(description="Kemendagri regency code, e.g. 51.05.")


class CollectionFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


def active_groups():
    return UppksGroupModel.objects.active().select_related("regency__province", "district")


def _lookup(id, slug, type_name: str) -> dict:
    if (id is None) == (slug is None):
        raise GraphQLError(_("Provide exactly one of 'id' or 'slug'."))
    if slug is not None:
        return {"slug": slug}
    try:
        return {"pk": pk_from_global_id(id, type_name)}
    except InvalidIdError as err:
        raise GraphQLError(str(err))


class GroupQueries(graphene.ObjectType):
    uppks_groups = graphene.Field(
        UppksGroupCountableConnection,
        filter=UppksGroupFilterInput(),
        **PAGE_ARGUMENTS,
        description="The active UPPKS groups that sell here.",
    )
    uppks_group = graphene.Field(
        UppksGroup, id=graphene.ID(), slug=graphene.String(), description="Look up a group."
    )
    collections = graphene.Field(
        CollectionCountableConnection,
        filter=CollectionFilterInput(),
        channel=graphene.String(),
        **PAGE_ARGUMENTS,
        description="Featured UPPKS groups, as collections of their products.",
    )
    collection = graphene.Field(
        Collection,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        channel=graphene.String(),
        description="Look up a featured UPPKS group as a collection.",
    )

    @staticmethod
    def resolve_uppks_groups(root, info, filter=None, **page):
        queryset = active_groups()
        if filter:
            if filter.get("search"):
                queryset = queryset.filter(name__icontains=filter["search"])
            if filter.get("province_code"):
                queryset = queryset.filter(regency__province_id=filter["province_code"])
            if filter.get("regency_code"):
                queryset = queryset.filter(regency_id=filter["regency_code"])
        return paginate(queryset.order_by("name", "pk"), UppksGroupCountableConnection, **page)

    @staticmethod
    def resolve_uppks_group(root, info, id=None, slug=None):
        return active_groups().filter(**_lookup(id, slug, "UppksGroup")).first()

    @staticmethod
    def resolve_collections(root, info, filter=None, channel=None, **page):
        from_channel(channel)
        queryset = active_groups()
        if filter:
            if filter.get("search"):
                queryset = queryset.filter(
                    Q(name__icontains=filter["search"]) | Q(story__icontains=filter["search"])
                )
            if filter.get("slugs"):
                queryset = queryset.filter(slug__in=filter["slugs"])
            if filter.get("ids"):
                try:
                    pks = [pk_from_global_id(v, "Collection") for v in filter["ids"]]
                except InvalidIdError as err:
                    raise GraphQLError(str(err))
                queryset = queryset.filter(pk__in=pks)
        return paginate(queryset.order_by("name", "pk"), CollectionCountableConnection, **page)

    @staticmethod
    def resolve_collection(root, info, id=None, slug=None, slug_language_code=None, channel=None):
        from_channel(channel)
        if not slug_in_language(slug_language_code):
            return None  # no group writes its name in another language
        return active_groups().filter(**_lookup(id, slug, "Collection")).first()
