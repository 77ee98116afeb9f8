"""Saleor's content pages: ``Page``, ``PageType``, ``PageTranslation``.

Pasar UPPKS keeps no CMS pages (its copy lives in the storefront's templates), so no ``Page`` is
ever answered: ``page`` is null and ``pages`` an empty list. The types exist with Saleor's fields
so that clients' documents (menus linking pages, a storefront's content pages) validate.
"""

import graphene

from ..core.enums import LanguageCodeEnum
from ..core.types import CountableConnection, LanguageDisplay, MetadataItem, PositiveInt
from ..product.attributes import AssignedAttribute, Attribute, SelectedAttribute


class PageTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)
    seo_title = graphene.String()
    seo_description = graphene.String()
    slug = graphene.String()
    title = graphene.String()
    content = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)


class PageType(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    attributes = graphene.List(graphene.NonNull(Attribute))
    has_pages = graphene.Boolean()
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    private_metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "The kind of a content page (none exist here)."


class Page(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    title = graphene.String(required=True)
    content = graphene.JSONString()
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    slug = graphene.String(required=True)
    page_type = graphene.Field(PageType, required=True)
    created = graphene.DateTime(required=True)
    translation = graphene.Field(
        PageTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )
    attribute = graphene.Field(SelectedAttribute, slug=graphene.String(required=True))
    attributes = graphene.NonNull(graphene.List(graphene.NonNull(SelectedAttribute)))
    assigned_attribute = graphene.Field(AssignedAttribute, slug=graphene.String(required=True))
    assigned_attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(AssignedAttribute)), limit=PositiveInt(default_value=100)
    )
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    private_metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A content page (none exist here; kept so Saleor clients' queries validate)."


class PageCountableConnection(CountableConnection):
    class Meta:
        node = Page
        strict_types = True
