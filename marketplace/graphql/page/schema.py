"""page / pages: Saleor's content-page look-ups, with their arguments checked (see types.py)."""

import graphene
from django.utils.translation import gettext as _
from graphql import GraphQLError

from ..core.enums import LanguageCodeEnum, OrderDirection
from ..core.ids import InvalidIdError, pk_from_global_id
from ..core.pagination import paginate
from ..product.filters import GlobalIDFilterInput, StringFilterInput
from ..product.visibility import from_channel
from .types import Page, PageCountableConnection


class PageSortField(graphene.Enum):
    TITLE = "title"
    SLUG = "slug"
    VISIBILITY = "visibility"
    CREATION_DATE = "creation_date"
    PUBLICATION_DATE = "publication_date"
    PUBLISHED_AT = "published_at"
    CREATED_AT = "created_at"
    RANK = "rank"


class PageSortingInput(graphene.InputObjectType):
    direction = OrderDirection(required=True)
    field = PageSortField(required=True)


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String()
    page_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class PageWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slug = StringFilterInput()
    page_type = GlobalIDFilterInput()
    AND = graphene.List(graphene.NonNull(lambda: PageWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: PageWhereInput), name="OR")


def _check_id(value: str, type_name: str) -> None:
    try:
        pk_from_global_id(value, type_name)
    except InvalidIdError as err:
        raise GraphQLError(str(err), extensions={"exception": {"code": "GRAPHQL_ERROR"}})


class PageQueries(graphene.ObjectType):
    page = graphene.Field(
        Page,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        channel=graphene.String(),
        description="Look up a content page (there are none here, so always null).",
    )
    pages = graphene.Field(
        PageCountableConnection,
        sort_by=PageSortingInput(),
        filter=PageFilterInput(),
        search=graphene.String(),
        where=PageWhereInput(),
        channel=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        after=graphene.String(),
        before=graphene.String(),
        description="List of content pages (there are none here, so always empty).",
    )

    @staticmethod
    def resolve_page(root, info, id=None, slug=None, slug_language_code=None, channel=None):
        from_channel(channel)
        if (id is None) == (slug is None):
            raise GraphQLError(_("Provide exactly one of 'id' or 'slug'."))
        if id is not None:
            _check_id(id, "Page")
        return None

    @staticmethod
    def resolve_pages(root, info, channel=None, where=None, filter=None, **page):
        from_channel(channel)
        for value in (where or {}).get("ids") or (filter or {}).get("ids") or []:
            _check_id(value, "Page")
        return paginate([], PageCountableConnection, **page)
