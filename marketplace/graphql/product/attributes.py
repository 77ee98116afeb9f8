"""Variant options (``{"Ukuran": "Sedang"}``) exposed as Saleor attributes."""

import graphene
from django.utils.text import slugify

from ..core.enums import LanguageCodeEnum
from ..core.ids import to_global_id
from ..core.types import MetadataItem


class AttributeInputTypeEnum(graphene.Enum):
    DROPDOWN = "dropdown"
    MULTISELECT = "multiselect"
    FILE = "file"
    REFERENCE = "reference"
    SINGLE_REFERENCE = "single-reference"
    NUMERIC = "numeric"
    RICH_TEXT = "rich-text"
    PLAIN_TEXT = "plain-text"
    SWATCH = "swatch"
    BOOLEAN = "boolean"
    DATE = "date"
    DATE_TIME = "date-time"


class AttributeTypeEnum(graphene.Enum):
    PRODUCT_TYPE = "product-type"
    PAGE_TYPE = "page-type"
    CUSTOMER_TYPE = "customer-type"


class VariantAttributeScope(graphene.Enum):
    ALL = "all"
    VARIANT_SELECTION = "variant_selection"
    NOT_VARIANT_SELECTION = "not_variant_selection"


class Attribute(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    input_type = AttributeInputTypeEnum()
    type = AttributeTypeEnum(required=True)
    unit = graphene.String()
    value_required = graphene.Boolean(required=True)
    visible_in_storefront = graphene.Boolean(required=True)
    filterable_in_storefront = graphene.Boolean(required=True)
    filterable_in_dashboard = graphene.Boolean(required=True)
    available_in_grid = graphene.Boolean(required=True)
    storefront_search_position = graphene.Int(required=True)
    with_choices = graphene.Boolean(required=True)
    external_reference = graphene.String()
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    translation = graphene.Field(
        lambda: AttributeTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
    )

    class Meta:
        description = "A variant option (for example Ukuran or Aroma) in Saleor's attribute shape."

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("Attribute", root["slug"])

    @staticmethod
    def resolve_input_type(root, info):
        return AttributeInputTypeEnum.DROPDOWN

    @staticmethod
    def resolve_type(root, info):
        return AttributeTypeEnum.PRODUCT_TYPE

    @staticmethod
    def resolve_value_required(root, info):
        return True

    @staticmethod
    def resolve_visible_in_storefront(root, info):
        return True

    @staticmethod
    def resolve_filterable_in_storefront(root, info):
        return False

    @staticmethod
    def resolve_filterable_in_dashboard(root, info):
        return False

    @staticmethod
    def resolve_available_in_grid(root, info):
        return False

    @staticmethod
    def resolve_storefront_search_position(root, info):
        return 0

    @staticmethod
    def resolve_with_choices(root, info):
        return True

    @staticmethod
    def resolve_metadata(root, info):
        return []

    @staticmethod
    def resolve_translation(root, info, language_code):
        return None


class AttributeTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)


class AttributeValue(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String()
    slug = graphene.String()
    value = graphene.String()
    input_type = AttributeInputTypeEnum()
    reference = graphene.ID()
    rich_text = graphene.JSONString()
    plain_text = graphene.String()
    boolean = graphene.Boolean()
    date = graphene.Date()
    date_time = graphene.DateTime()
    external_reference = graphene.String()
    translation = graphene.Field(
        AttributeTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )

    class Meta:
        description = "One value of a variant option (for example Sedang)."

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("AttributeValue", f"{root['attribute_slug']}:{root['slug']}")

    @staticmethod
    def resolve_input_type(root, info):
        return AttributeInputTypeEnum.DROPDOWN

    @staticmethod
    def resolve_value(root, info):
        return ""

    @staticmethod
    def resolve_translation(root, info, language_code):
        return None


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True)
    values = graphene.NonNull(graphene.List(graphene.NonNull(AttributeValue)))

    class Meta:
        description = "An option of a variant with its chosen value."


class AssignedChoiceAttributeValue(graphene.ObjectType):
    name = graphene.String()
    slug = graphene.String()
    translation = graphene.String(language_code=graphene.Argument(LanguageCodeEnum, required=True))

    @staticmethod
    def resolve_translation(root, info, language_code):
        return None


class AssignedAttribute(graphene.Interface):
    attribute = graphene.Field(Attribute, required=True)


class AssignedSingleChoiceAttribute(graphene.ObjectType):
    value = graphene.Field(AssignedChoiceAttributeValue)

    class Meta:
        interfaces = (AssignedAttribute,)


def option_attributes(options: dict | None) -> list[dict]:
    """``{"Ukuran": "Sedang"}`` as [{attribute, values}] in the options' order."""
    selected = []
    for name, value in (options or {}).items():
        slug = slugify(name) or "option"
        value_slug = slugify(value) or "value"
        attribute = {"name": name, "slug": slug}
        selected.append(
            {
                "attribute": attribute,
                "values": [{"name": value, "slug": value_slug, "attribute_slug": slug}],
                "value": {"name": value, "slug": value_slug},
            }
        )
    return selected


def assigned(selected: dict) -> AssignedSingleChoiceAttribute:
    return AssignedSingleChoiceAttribute(attribute=selected["attribute"], value=selected["value"])
