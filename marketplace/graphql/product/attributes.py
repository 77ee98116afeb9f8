"""Catalog facts in Saleor's attribute shapes.

Variant options (``{"Ukuran": "Sedang"}``) are dropdown attributes chosen per variant (the
storefront's variant picker). A product's own facts (permit number, halal certificate, where it is
made) are plain-text attributes of the product (its spec list). Nothing here is a file, a number,
a boolean or a reference, so those Saleor shapes exist for clients' queries and are never answered.
"""

import graphene
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Product

from ..core.enums import LanguageCodeEnum, in_language, known_language
from ..core.ids import to_global_id
from ..core.types import LanguageDisplay, MetadataItem, PositiveInt, language_display


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
    def resolve_name(root, info):
        return str(root["name"])

    @staticmethod
    def resolve_input_type(root, info):
        return root.get("input_type", AttributeInputTypeEnum.DROPDOWN)

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
        """Names we write ourselves (gettext) translate; a group's own option names do not."""
        language = known_language(language_code)
        if language is None or not isinstance(root["name"], Promise):
            return None
        return {
            "id": f"{root['slug']}:{language}",
            "language": language,
            "name": in_language(root["name"], language),
        }


class AttributeTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root, info):
        return root["id"]

    @staticmethod
    def resolve_language(root, info):
        return language_display(root["language"])


class AttributeValueTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String(required=True)
    rich_text = graphene.JSONString()
    plain_text = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)


class File(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the file.")
    content_type = graphene.String(description="Content type of the file.")


class AttributeValue(graphene.ObjectType):
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
    file = graphene.Field(File, description="Always null: no attribute here is a file.")
    translation = graphene.Field(
        AttributeValueTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
    )

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "One value of a variant option (for example Sedang)."

    @staticmethod
    def resolve_id(root, info):
        return f"{root['attribute_slug']}:{root['slug']}"

    @staticmethod
    def resolve_input_type(root, info):
        return root.get("input_type", AttributeInputTypeEnum.DROPDOWN)

    @staticmethod
    def resolve_value(root, info):
        return ""

    @staticmethod
    def resolve_file(root, info):
        return None

    @staticmethod
    def resolve_translation(root, info, language_code):
        return None  # option values are the group's own words, in one language


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


class AssignedMultiChoiceAttribute(graphene.ObjectType):
    value = graphene.NonNull(
        graphene.List(graphene.NonNull(AssignedChoiceAttributeValue)),
        limit=PositiveInt(default_value=100),
    )

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root, info, limit=100):
        return root.value[:limit]


class AssignedPlainTextAttribute(graphene.ObjectType):
    value = graphene.String()
    translation = graphene.String(language_code=graphene.Argument(LanguageCodeEnum, required=True))

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root, info):
        return None if root.value is None else str(root.value)

    @staticmethod
    def resolve_translation(root, info, language_code):
        """Text we write ourselves (``Tidak halal``) translates; a permit number does not."""
        language = known_language(language_code)
        if language is None or not isinstance(root.value, Promise):
            return None
        return in_language(root.value, language)


class AssignedBooleanAttribute(graphene.ObjectType):
    value = graphene.Boolean()

    class Meta:
        interfaces = (AssignedAttribute,)


class AssignedNumericAttribute(graphene.ObjectType):
    value = graphene.Float()

    class Meta:
        interfaces = (AssignedAttribute,)


class AssignedFileAttribute(graphene.ObjectType):
    value = graphene.Field(File)

    class Meta:
        interfaces = (AssignedAttribute,)


class AssignedSingleCollectionReferenceAttribute(graphene.ObjectType):
    value = graphene.Field("marketplace.graphql.group.types.Collection")

    class Meta:
        interfaces = (AssignedAttribute,)


# Types reached only through the AssignedAttribute interface (the schema must list them).
ASSIGNED_ATTRIBUTE_TYPES = [
    AssignedSingleChoiceAttribute,
    AssignedMultiChoiceAttribute,
    AssignedPlainTextAttribute,
    AssignedBooleanAttribute,
    AssignedNumericAttribute,
    AssignedFileAttribute,
    AssignedSingleCollectionReferenceAttribute,
]


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


PERMIT = {"slug": "izin-edar", "name": _("Permit number (P-IRT / BPOM)")}
HALAL = {"slug": "sertifikat-halal", "name": _("Halal certificate")}
ORIGIN = {"slug": "asal", "name": _("Made in")}
NOT_HALAL = _("Not halal")
FACT_SLUGS = frozenset(fact["slug"] for fact in (PERMIT, HALAL, ORIGIN))


def _plain_text(attribute: dict, value) -> AssignedPlainTextAttribute:
    return AssignedPlainTextAttribute(
        attribute={**attribute, "input_type": AttributeInputTypeEnum.PLAIN_TEXT}, value=value
    )


def product_facts(product: Product, group) -> list[AssignedPlainTextAttribute]:
    """What a shopper checks before buying food or cosmetics, and where the product comes from."""
    facts = []
    if product.permit_number.strip():
        facts.append(_plain_text(PERMIT, product.permit_number.strip()))
    if product.halal_number.strip():
        facts.append(_plain_text(HALAL, product.halal_number.strip()))
    elif product.is_not_halal:
        facts.append(_plain_text(HALAL, NOT_HALAL))
    if group is not None:
        region = group.regency
        facts.append(_plain_text(ORIGIN, f"{region.name}, {region.province.name}"))
    return facts


def selected_fact(fact: AssignedPlainTextAttribute) -> dict:
    """A product fact in the older ``attributes`` list shape (SelectedAttribute)."""
    slug = fact.attribute["slug"]
    text = str(fact.value)
    return {
        "attribute": fact.attribute,
        "values": [
            {
                "name": text,
                "slug": slugify(text) or "value",
                "attribute_slug": slug,
                "plain_text": text,
                "input_type": AttributeInputTypeEnum.PLAIN_TEXT,
            }
        ],
    }
