"""UPPKS groups: as ``UppksGroup`` (marketplace type), as Saleor's ``Warehouse`` (stock holder)
and as Saleor's ``Collection`` (a group's products, featured on the storefront)."""

import graphene
from django.conf import settings
from graphql import get_named_type

from marketplace.groups.models import UppksGroup as UppksGroupModel

from ..core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from ..core.types import (
    INDONESIA,
    CountableConnection,
    CountryDisplay,
    Image,
    LanguageDisplay,
    MetadataItem,
)
from ..product.filters import ProductFilterInput, ProductOrder, ProductWhereInput, paginate_products
from ..product.visibility import from_channel, visible_products

PRODUCT_CONNECTION = "marketplace.graphql.product.types.ProductCountableConnection"


def _story_json(text: str) -> dict | None:
    if not text:
        return None
    blocks = [
        {"id": f"story-{index}", "type": "paragraph", "data": {"text": paragraph}}
        for index, paragraph in enumerate(p.strip() for p in text.split("\n\n") if p.strip())
    ]
    return {"time": 0, "blocks": blocks, "version": "2.24.3"}


def _photo(info, group: UppksGroupModel) -> dict | None:
    if not group.photo:
        return None
    return {"url": info.context.build_absolute_uri(group.photo.url), "alt": group.name}


def _group_products(info, group_id: int, kwargs: dict):
    from_channel(kwargs.pop("channel", None))
    queryset = visible_products(info).filter(group_id=group_id)
    connection_type = get_named_type(info.return_type).graphene_type
    return paginate_products(queryset, connection_type, **kwargs)


class Region(graphene.ObjectType):
    province_code = graphene.String(required=True)
    province = graphene.String(required=True, description="Province name.")
    regency_code = graphene.String(required=True)
    regency = graphene.String(required=True, description="Kabupaten / kota name.")
    district = graphene.String(description="Kecamatan name.")
    village = graphene.String(description="Desa / kelurahan.")

    class Meta:
        description = "Where a group works, by Kemendagri codes and names."


def region_of(group: UppksGroupModel) -> dict:
    return {
        "province_code": group.regency.province_id,
        "province": group.regency.province.name,
        "regency_code": group.regency_id,
        "regency": group.regency.name,
        "district": group.district.name if group.district_id else None,
        "village": group.village or None,
    }


class UppksGroup(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    code = graphene.String(required=True)
    region = graphene.Field(Region, required=True)
    story = graphene.String(description="The group's story, plain text.")
    leader_name = graphene.String()
    founded_year = graphene.Int()
    photo = graphene.Field(Image)
    products = graphene.Field(
        PRODUCT_CONNECTION,
        channel=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        after=graphene.String(),
        before=graphene.String(),
        description="The group's published products.",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A UPPKS group: the producer of products and the holder of their stock."

    @staticmethod
    def resolve_region(root, info):
        return region_of(root)

    @staticmethod
    def resolve_story(root, info):
        return root.story or None

    @staticmethod
    def resolve_leader_name(root, info):
        return root.leader_name or None

    @staticmethod
    def resolve_photo(root, info):
        return _photo(info, root)

    @staticmethod
    def resolve_products(root, info, **kwargs):
        return _group_products(info, root.pk, kwargs)


class Address(graphene.ObjectType):
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    company_name = graphene.String(required=True)
    street_address_1 = graphene.String(required=True)
    street_address_2 = graphene.String(required=True)
    city = graphene.String(required=True, description="Kabupaten / kota.")
    city_area = graphene.String(required=True, description="Kecamatan.")
    postal_code = graphene.String(required=True)
    country = graphene.Field(CountryDisplay, required=True)
    country_area = graphene.String(required=True, description="Province.")
    phone = graphene.String()
    is_default_shipping_address = graphene.Boolean()
    is_default_billing_address = graphene.Boolean()
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "An Indonesian address in Saleor's shape."

    @staticmethod
    def resolve_country(root, info):
        return INDONESIA

    @staticmethod
    def resolve_metadata(root, info):
        return []


def group_address(group: UppksGroupModel) -> dict:
    return {
        "id": f"group-{group.pk}",
        "first_name": group.leader_name,
        "last_name": "",
        "company_name": group.name,
        "street_address_1": group.village,
        "street_address_2": "",
        "city": group.regency.name,
        "city_area": group.district.name if group.district_id else "",
        "postal_code": "",
        "country_area": group.regency.province.name,
        "phone": str(group.phone) if group.phone else None,
    }


class Warehouse(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    email = graphene.String(required=True)
    is_private = graphene.Boolean(required=True)
    address = graphene.Field(Address, required=True)
    company_name = graphene.String(required=True)
    external_reference = graphene.String()
    uppks_group = graphene.Field(UppksGroup, required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A UPPKS group in its part of a Saleor warehouse: stock lives per group."

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_email(root, info):
        return root.email or ""

    @staticmethod
    def resolve_is_private(root, info):
        return False

    @staticmethod
    def resolve_address(root, info):
        return group_address(root)

    @staticmethod
    def resolve_company_name(root, info):
        return root.name

    @staticmethod
    def resolve_external_reference(root, info):
        return root.code

    @staticmethod
    def resolve_uppks_group(root, info):
        return root


class CollectionTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String()
    slug = graphene.String()
    description = graphene.JSONString()
    seo_title = graphene.String()
    seo_description = graphene.String()


class Collection(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    slug = graphene.String(required=True)
    channel = graphene.String()
    products = graphene.Field(
        PRODUCT_CONNECTION,
        filter=ProductFilterInput(),
        where=ProductWhereInput(),
        search=graphene.String(),
        sort_by=ProductOrder(),
        first=graphene.Int(),
        last=graphene.Int(),
        after=graphene.String(),
        before=graphene.String(),
        description="The group's published products.",
    )
    background_image = graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
    )
    translation = graphene.Field(
        CollectionTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    uppks_group = graphene.Field(UppksGroup, required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A featured UPPKS group and its products, as a Saleor collection."

    @staticmethod
    def resolve_seo_title(root, info):
        return root.name

    @staticmethod
    def resolve_description(root, info):
        return _story_json(root.story)

    @staticmethod
    def resolve_channel(root, info):
        return settings.DEFAULT_CHANNEL_SLUG

    @staticmethod
    def resolve_products(root, info, **kwargs):
        return _group_products(info, root.pk, kwargs)

    @staticmethod
    def resolve_background_image(root, info, size=None, format=None):
        return _photo(info, root)

    @staticmethod
    def resolve_translation(root, info, language_code):
        return None

    @staticmethod
    def resolve_metadata(root, info):
        return []

    @staticmethod
    def resolve_uppks_group(root, info):
        return root


def collection_of(group: UppksGroupModel) -> UppksGroupModel:
    """A group is its own collection (the type tells them apart)."""
    return group


class UppksGroupCountableConnection(CountableConnection):
    class Meta:
        node = UppksGroup
        strict_types = True


class CollectionCountableConnection(CountableConnection):
    class Meta:
        node = Collection
        strict_types = True
