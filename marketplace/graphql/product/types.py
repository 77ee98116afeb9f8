"""Catalog types in Saleor's shape: Product, ProductVariant, ProductMedia, Category, ProductType."""

import graphene
from django.conf import settings

from marketplace.catalog.models import Category, Product, ProductMedia, ProductVariant

from ..core.dataloaders import gather, then
from ..core.enums import LanguageCodeEnum, ThumbnailFormatEnum, known_language
from ..core.ids import InvalidIdError, pk_from_global_id, to_global_id
from ..core.pagination import check_page_size, paginate
from ..core.permissions import current_user, member_group_ids
from ..core.types import (
    CountableConnection,
    Image,
    LanguageDisplay,
    MetadataItem,
    PositiveInt,
    TaxedMoney,
    TaxedMoneyRange,
    Weight,
    grams,
    language_display,
    taxed,
)
from ..group.types import Collection, UppksGroup, Warehouse, collection_of
from .attributes import (
    FACT_SLUGS,
    AssignedAttribute,
    SelectedAttribute,
    VariantAttributeScope,
    assigned,
    option_attributes,
    product_facts,
    selected_fact,
)
from .dataloaders import (
    CategoryByIdLoader,
    MediaByProductIdLoader,
    ProductByIdLoader,
    ProductVariantByIdLoader,
    ProductVariantsByProductIdLoader,
    QuantityAvailableByVariantIdLoader,
    StocksByVariantIdLoader,
    UppksGroupByIdLoader,
)
from .filters import ProductFilterInput, ProductOrder, ProductWhereInput, paginate_products
from .images import DEFAULT_THUMBNAIL_SIZE, image_of, media_url
from .visibility import from_channel, visible_products

EDITORJS_VERSION = "2.24.3"


def editorjs(html: str) -> dict | None:
    """Sanitized HTML as the EditorJS document Saleor's clients render (one paragraph block)."""
    if not html:
        return None
    return {
        "time": 0,
        "blocks": [{"id": "description", "type": "paragraph", "data": {"text": html}}],
        "version": EDITORJS_VERSION,
    }


class ObjectWithMetadata(graphene.Interface):
    """Saleor's metadata fields; nothing is stored as metadata here, so they answer empty."""

    private_metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    private_metafield = graphene.String(key=graphene.String(required=True))
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    metafield = graphene.String(key=graphene.String(required=True))

    @staticmethod
    def resolve_private_metadata(root, info):
        return []

    @staticmethod
    def resolve_private_metafield(root, info, key):
        return None

    @staticmethod
    def resolve_metadata(root, info):
        return []

    @staticmethod
    def resolve_metafield(root, info, key):
        return None


class ProductMediaType(graphene.Enum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"


class ProductMediaNode(graphene.ObjectType):
    sort_order = graphene.Int()
    alt = graphene.String(required=True)
    type = ProductMediaType(required=True)
    oembed_data = graphene.JSONString(required=True)
    url = graphene.String(
        required=True,
        size=graphene.Int(description="Size of the image; the original when omitted."),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
    )
    product_id = graphene.ID()

    class Meta:
        name = "ProductMedia"
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "A product photo."

    @staticmethod
    def resolve_type(root: ProductMedia, info):
        return ProductMediaType.IMAGE

    @staticmethod
    def resolve_oembed_data(root, info):
        return {}

    @staticmethod
    def resolve_url(root: ProductMedia, info, size=None, format=None):
        return media_url(info, root, size=size, fmt=format)

    @staticmethod
    def resolve_product_id(root: ProductMedia, info):
        return to_global_id("Product", root.product_id)


class TranslationBase(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)

    @staticmethod
    def resolve_language(root, info):
        return language_display(root["language"])


class ProductTranslation(TranslationBase):
    id = graphene.ID(required=True)
    seo_title = graphene.String()
    seo_description = graphene.String()
    slug = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()

    @staticmethod
    def resolve_description(root, info):
        return root["description"]


class CategoryTranslation(TranslationBase):
    id = graphene.ID(required=True)
    seo_title = graphene.String()
    seo_description = graphene.String()
    slug = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()


class ProductVariantTranslation(TranslationBase):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)


def _product_translation(product: Product, code) -> dict | None:
    language = known_language(code)
    if language is None:
        return None  # the catalog is written in Indonesian, and partly in English
    if language == "en":
        if not (product.name_en or product.description_en):
            return None
        name, description = product.name_en or None, product.description_en
    else:
        name, description = product.name, product.description
    return {
        "id": to_global_id("ProductTranslation", f"{product.pk}:{language}"),
        "language": language,
        "name": name,
        "slug": product.slug,
        "seo_title": name,
        "seo_description": None,
        "description": editorjs(description),
    }


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    discount_prior = graphene.Field(TaxedMoney)
    display_gross_prices = graphene.Boolean(required=True)
    price_range = graphene.Field(TaxedMoneyRange)
    price_range_undiscounted = graphene.Field(TaxedMoneyRange)
    price_range_prior = graphene.Field(TaxedMoneyRange)

    class Meta:
        description = "Prices of a product: the range over its variants, in rupiah."


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    discount_prior = graphene.Field(TaxedMoney)
    price = graphene.Field(TaxedMoney)
    price_undiscounted = graphene.Field(TaxedMoney)
    price_prior = graphene.Field(TaxedMoney)


def price_range(prices: list[int]) -> dict | None:
    if not prices:
        return None
    return {"start": taxed(min(prices)), "stop": taxed(max(prices))}


def product_pricing(variants: list[ProductVariant]) -> dict | None:
    prices = [variant.price for variant in variants]
    if not prices:
        return None
    return {
        "on_sale": False,
        "discount": None,
        "display_gross_prices": True,
        "price_range": price_range(prices),
        "price_range_undiscounted": price_range(prices),
        "price_range_prior": None,
    }


class ProductType(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    weight = graphene.Field(Weight)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "The kind of a product; here, its category."

    @staticmethod
    def resolve_has_variants(root: Category, info):
        return True

    @staticmethod
    def resolve_is_shipping_required(root: Category, info):
        return True

    @staticmethod
    def resolve_weight(root, info):
        return None


class CategoryNode(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    slug = graphene.String(required=True)
    parent = graphene.Field(lambda: CategoryNode)
    level = graphene.Int(required=True)
    ancestors = graphene.relay.ConnectionField(
        lambda: CategoryCountableConnection, description="List of ancestors of the category."
    )
    children = graphene.relay.ConnectionField(
        lambda: CategoryCountableConnection, description="List of children of the category."
    )
    products = graphene.Field(
        lambda: ProductCountableConnection,
        filter=ProductFilterInput(),
        where=ProductWhereInput(),
        sort_by=ProductOrder(),
        search=graphene.String(),
        channel=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        after=graphene.String(),
        before=graphene.String(),
        description="List of products in the category (and its subcategories).",
    )
    background_image = graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
    )
    translation = graphene.Field(
        CategoryTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )

    class Meta:
        name = "Category"
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "A category of products (two levels: a root and its subcategories)."

    @staticmethod
    def resolve_seo_title(root: Category, info):
        return root.display_name

    @staticmethod
    def resolve_seo_description(root: Category, info):
        return root.description or None

    @staticmethod
    def resolve_name(root: Category, info):
        return root.name

    @staticmethod
    def resolve_description(root: Category, info):
        return editorjs(root.description)

    @staticmethod
    def resolve_parent(root: Category, info):
        if not root.parent_id:
            return None
        return CategoryByIdLoader(info.context).load(root.parent_id)

    @staticmethod
    def resolve_level(root: Category, info):
        return 1 if root.parent_id else 0

    @staticmethod
    def resolve_ancestors(root: Category, info, **kwargs):
        ids = [root.parent_id] if root.parent_id else []
        return paginate(Category.objects.filter(pk__in=ids), CategoryCountableConnection, **kwargs)

    @staticmethod
    def resolve_children(root: Category, info, **kwargs):
        return paginate(
            Category.objects.filter(parent_id=root.pk), CategoryCountableConnection, **kwargs
        )

    @staticmethod
    def resolve_products(root: Category, info, channel=None, **kwargs):
        from_channel(channel)
        queryset = visible_products(info).filter(
            category_id__in=Category.objects.filter(pk=root.pk)
            .values("pk")
            .union(Category.objects.filter(parent_id=root.pk).values("pk"))
        )
        return paginate_products(queryset, ProductCountableConnection, **kwargs)

    @staticmethod
    def resolve_background_image(root, info, size=None, format=None):
        return None

    @staticmethod
    def resolve_translation(root: Category, info, language_code):
        language = known_language(language_code)
        name = {"en": root.name_en, "id": root.name}.get(language)
        if not name:
            return None
        return {
            "id": to_global_id("CategoryTranslation", f"{root.pk}:{language}"),
            "language": language,
            "name": name,
            "slug": root.slug,
            "seo_title": name,
            "seo_description": None,
            "description": None,
        }


class ProductVariantNode(graphene.ObjectType):
    name = graphene.String(required=True)
    sku = graphene.String()
    product = graphene.Field(lambda: ProductNode, required=True)
    track_inventory = graphene.Boolean(required=True)
    quantity_limit_per_customer = graphene.Int()
    weight = graphene.Field(Weight)
    channel = graphene.String()
    pricing = graphene.Field(VariantPricingInfo)
    attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(SelectedAttribute)),
        variant_selection=graphene.Argument(VariantAttributeScope),
    )
    assigned_attribute = graphene.Field(AssignedAttribute, slug=graphene.String(required=True))
    assigned_attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(AssignedAttribute)), limit=PositiveInt(default_value=100)
    )
    media = graphene.List(graphene.NonNull(ProductMediaNode))
    translation = graphene.Field(
        ProductVariantTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
    )
    quantity_available = graphene.Int(country_code=graphene.String())
    stocks = graphene.List(graphene.NonNull(lambda: StockNode), country_code=graphene.String())
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    external_reference = graphene.String()
    wholesale = graphene.Field(
        "marketplace.graphql.partner.types.WholesaleOffer",
        description="Wholesale tiers, MOQ and lead time: approved partners only, else null.",
    )

    class Meta:
        name = "ProductVariant"
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "A sellable variant of a product, priced in rupiah."

    @staticmethod
    def resolve_name(root: ProductVariant, info):
        return root.label

    @staticmethod
    def resolve_wholesale(root: ProductVariant, info):
        from ..partner.types import resolve_variant_wholesale

        return resolve_variant_wholesale(root, info)

    @staticmethod
    def resolve_product(root: ProductVariant, info):
        return ProductByIdLoader(info.context).load(root.product_id)

    @staticmethod
    def resolve_track_inventory(root, info):
        return True

    @staticmethod
    def resolve_weight(root: ProductVariant, info):
        return grams(root.weight_g)

    @staticmethod
    def resolve_channel(root, info):
        return settings.DEFAULT_CHANNEL_SLUG

    @staticmethod
    def resolve_pricing(root: ProductVariant, info):
        price = taxed(root.price)
        return {
            "on_sale": False,
            "discount": None,
            "price": price,
            "price_undiscounted": price,
            "price_prior": None,
        }

    @staticmethod
    def resolve_attributes(root: ProductVariant, info, variant_selection=None):
        scope = getattr(variant_selection, "value", variant_selection)
        if scope == VariantAttributeScope.NOT_VARIANT_SELECTION.value:
            return []
        return option_attributes(root.options)

    @staticmethod
    def resolve_assigned_attribute(root: ProductVariant, info, slug):
        for selected in option_attributes(root.options):
            if selected["attribute"]["slug"] == slug:
                return assigned(selected)
        return None

    @staticmethod
    def resolve_assigned_attributes(root: ProductVariant, info, limit=100):
        return [assigned(selected) for selected in option_attributes(root.options)][:limit]

    @staticmethod
    def resolve_media(root: ProductVariant, info):
        return MediaByProductIdLoader(info.context).load(root.product_id)

    @staticmethod
    def resolve_translation(root: ProductVariant, info, language_code):
        language = known_language(language_code)
        if language is None:
            return None
        return {
            "id": to_global_id("ProductVariantTranslation", f"{root.pk}:{language}"),
            "language": language,
            "name": root.label,
        }

    @staticmethod
    def resolve_quantity_available(root: ProductVariant, info, country_code=None):
        return QuantityAvailableByVariantIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_stocks(root: ProductVariant, info, country_code=None):
        """Per-group stock: for that group's members and for staff only."""
        user = current_user(info)
        if user is None:
            return None
        groups = member_group_ids(info)
        is_staff = user.is_staff

        def visible(stocks):
            return [s for s in stocks if is_staff or s.group_id in groups]

        return then(StocksByVariantIdLoader(info.context).load(root.pk), visible)

    @staticmethod
    def resolve_created(root: ProductVariant, info):
        return root.created_at


class StockNode(graphene.ObjectType):
    warehouse = graphene.Field(Warehouse, required=True)
    product_variant = graphene.Field(ProductVariantNode, required=True)
    quantity = graphene.Int(required=True)
    quantity_allocated = graphene.Int(required=True)
    quantity_reserved = graphene.Int(required=True)

    class Meta:
        name = "Stock"
        interfaces = (graphene.relay.Node,)
        description = "How many of a variant one UPPKS group holds."

    @staticmethod
    def resolve_warehouse(root, info):
        return UppksGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_product_variant(root, info):
        return ProductVariantByIdLoader(info.context).load(root.variant_id)

    @staticmethod
    def resolve_quantity_reserved(root, info):
        return 0


class ProductNode(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    product_type = graphene.Field(ProductType, required=True)
    slug = graphene.String(required=True)
    category = graphene.Field(CategoryNode)
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    charge_taxes = graphene.Boolean(required=True)
    weight = graphene.Field(Weight)
    default_variant = graphene.Field(ProductVariantNode)
    rating = graphene.Float()
    channel = graphene.String()
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(description="Size of the image (256 when omitted)."),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
    )
    pricing = graphene.Field(ProductPricingInfo)
    is_available = graphene.Boolean()
    is_available_for_purchase = graphene.Boolean()
    available_for_purchase_at = graphene.DateTime()
    attribute = graphene.Field(SelectedAttribute, slug=graphene.String(required=True))
    attributes = graphene.NonNull(graphene.List(graphene.NonNull(SelectedAttribute)))
    assigned_attribute = graphene.Field(AssignedAttribute, slug=graphene.String(required=True))
    assigned_attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(AssignedAttribute)), limit=PositiveInt(default_value=100)
    )
    media_by_id = graphene.Field(ProductMediaNode, id=graphene.ID(required=True))
    variants = graphene.List(graphene.NonNull(ProductVariantNode))
    product_variants = graphene.Field(
        lambda: ProductVariantCountableConnection,
        first=graphene.Int(),
        last=graphene.Int(),
        after=graphene.String(),
        before=graphene.String(),
        description="The product's variants, a page at a time (max 100).",
    )
    media = graphene.List(graphene.NonNull(ProductMediaNode))
    collections = graphene.List(graphene.NonNull(Collection))
    translation = graphene.Field(
        ProductTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )
    external_reference = graphene.String()
    producer = graphene.Field(
        UppksGroup, required=True, description="The UPPKS group that makes the product."
    )

    class Meta:
        name = "Product"
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "Something one UPPKS group makes; its variants carry prices and stock."

    @staticmethod
    def resolve_seo_title(root: Product, info):
        return root.name

    @staticmethod
    def resolve_description(root: Product, info):
        return editorjs(root.description)

    @staticmethod
    def resolve_product_type(root: Product, info):
        return CategoryByIdLoader(info.context).load(root.category_id)

    @staticmethod
    def resolve_category(root: Product, info):
        return CategoryByIdLoader(info.context).load(root.category_id)

    @staticmethod
    def resolve_created(root: Product, info):
        return root.created_at

    @staticmethod
    def resolve_charge_taxes(root, info):
        return False

    @staticmethod
    def resolve_weight(root, info):
        return None

    @staticmethod
    def resolve_default_variant(root: Product, info):
        return then(
            ProductVariantsByProductIdLoader(info.context).load(root.pk),
            lambda variants: variants[0] if variants else None,
        )

    @staticmethod
    def resolve_rating(root, info):
        return None

    @staticmethod
    def resolve_channel(root, info):
        return settings.DEFAULT_CHANNEL_SLUG

    @staticmethod
    def resolve_thumbnail(root: Product, info, size=None, format=None):
        size = size or DEFAULT_THUMBNAIL_SIZE
        return then(
            MediaByProductIdLoader(info.context).load(root.pk),
            lambda media: image_of(info, media[0] if media else None, size=size, fmt=format),
        )

    @staticmethod
    def resolve_pricing(root: Product, info):
        return then(ProductVariantsByProductIdLoader(info.context).load(root.pk), product_pricing)

    @staticmethod
    def resolve_is_available(root: Product, info):
        if not root.is_published:
            return False
        quantities = QuantityAvailableByVariantIdLoader(info.context)

        def any_in_stock(variants):
            return then(
                gather([quantities.load(variant.pk) for variant in variants]),
                lambda amounts: any(amount > 0 for amount in amounts),
            )

        return then(ProductVariantsByProductIdLoader(info.context).load(root.pk), any_in_stock)

    @staticmethod
    def resolve_is_available_for_purchase(root: Product, info):
        return root.is_published

    @staticmethod
    def resolve_available_for_purchase_at(root: Product, info):
        return root.approved_at if root.is_published else None

    @staticmethod
    def _facts(root: Product, info):
        return then(
            UppksGroupByIdLoader(info.context).load(root.group_id),
            lambda group: product_facts(root, group),
        )

    @staticmethod
    def resolve_attribute(root, info, slug):
        if slug not in FACT_SLUGS:
            return None  # e.g. Saleor merchandising flags ("bestseller"): none here
        return then(
            ProductNode._facts(root, info),
            lambda facts: next(
                (selected_fact(f) for f in facts if f.attribute["slug"] == slug), None
            ),
        )

    @staticmethod
    def resolve_attributes(root, info):
        return then(ProductNode._facts(root, info), lambda facts: [selected_fact(f) for f in facts])

    @staticmethod
    def resolve_assigned_attribute(root, info, slug):
        if slug not in FACT_SLUGS:
            return None
        return then(
            ProductNode._facts(root, info),
            lambda facts: next((f for f in facts if f.attribute["slug"] == slug), None),
        )

    @staticmethod
    def resolve_assigned_attributes(root, info, limit=100):
        return then(ProductNode._facts(root, info), lambda facts: facts[: max(limit, 0)])

    @staticmethod
    def resolve_media_by_id(root: Product, info, id):
        try:
            pk = pk_from_global_id(id, "ProductMedia")
        except InvalidIdError:
            return None
        return then(
            MediaByProductIdLoader(info.context).load(root.pk),
            lambda media: next((item for item in media if item.pk == pk), None),
        )

    @staticmethod
    def resolve_variants(root: Product, info):
        return ProductVariantsByProductIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_product_variants(root: Product, info, **page):
        """Paged in memory from the batched loader: no query per product."""
        check_page_size(page.get("first"), page.get("last"))
        return then(
            ProductVariantsByProductIdLoader(info.context).load(root.pk),
            lambda variants: paginate(variants, ProductVariantCountableConnection, **page),
        )

    @staticmethod
    def resolve_media(root: Product, info):
        return MediaByProductIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_collections(root: Product, info):
        return then(
            UppksGroupByIdLoader(info.context).load(root.group_id),
            lambda group: [collection_of(group)] if group else [],
        )

    @staticmethod
    def resolve_translation(root: Product, info, language_code):
        return _product_translation(root, language_code)

    @staticmethod
    def resolve_producer(root: Product, info):
        return UppksGroupByIdLoader(info.context).load(root.group_id)


class ProductCountableConnection(CountableConnection):
    class Meta:
        node = ProductNode
        strict_types = True


class CategoryCountableConnection(CountableConnection):
    class Meta:
        node = CategoryNode
        strict_types = True


class ProductVariantCountableConnection(CountableConnection):
    class Meta:
        node = ProductVariantNode
        strict_types = True
