"""Saleor's product ``filter``, ``where`` and ``sortBy`` inputs, applied to a queryset."""

from decimal import Decimal

import graphene
from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.catalog.models import Category, ProductVariant, Stock
from marketplace.catalog.search import search_products

from ..core.enums import OrderDirection
from ..core.ids import InvalidIdError, pk_from_global_id
from ..core.pagination import paginate

MAX_IDS = 100
MAX_PRICE = Decimal(10**12)


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float(description="Price greater than or equal to.")
    lte = graphene.Float(description="Price less than or equal to.")


class StockAvailability(graphene.Enum):
    IN_STOCK = "IN_STOCK"
    OUT_OF_STOCK = "OUT_OF_STOCK"


class ProductFilterInput(graphene.InputObjectType):
    is_published = graphene.Boolean()
    collections = graphene.List(graphene.NonNull(graphene.ID))
    categories = graphene.List(graphene.NonNull(graphene.ID))
    has_category = graphene.Boolean()
    stock_availability = StockAvailability()
    search = graphene.String()
    is_available = graphene.Boolean()
    is_visible_in_listing = graphene.Boolean()
    price = PriceRangeInput()
    minimal_price = PriceRangeInput()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    channel = graphene.String()


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String()
    one_of = graphene.List(graphene.NonNull(graphene.String))


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID()
    one_of = graphene.List(graphene.NonNull(graphene.ID))


class DecimalRangeInput(graphene.InputObjectType):
    gte = graphene.Decimal()
    lte = graphene.Decimal()


class DecimalFilterInput(graphene.InputObjectType):
    eq = graphene.Decimal()
    one_of = graphene.List(graphene.NonNull(graphene.Decimal))
    range = DecimalRangeInput()


class AttributeInput(graphene.InputObjectType):
    slug = graphene.String(description="The attribute's slug (a variant option, e.g. `ukuran`).")
    values = graphene.List(
        graphene.NonNull(graphene.String),
        description="Slugs of the attribute's values; a product matches with any one of them.",
    )


class ProductWhereInput(graphene.InputObjectType):
    attributes = graphene.List(
        graphene.NonNull(AttributeInput),
        description="Products with a variant whose options have each attribute's values.",
    )
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = StringFilterInput()
    slug = StringFilterInput()
    category = GlobalIDFilterInput()
    collection = GlobalIDFilterInput()
    is_available = graphene.Boolean()
    is_published = graphene.Boolean()
    is_visible_in_listing = graphene.Boolean()
    has_category = graphene.Boolean()
    price = DecimalFilterInput()
    minimal_price = DecimalFilterInput()
    stock_availability = StockAvailability()
    AND = graphene.List(graphene.NonNull(lambda: ProductWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: ProductWhereInput), name="OR")


class ProductOrderField(graphene.Enum):
    NAME = "name"
    RANK = "rank"
    PRICE = "price"
    MINIMAL_PRICE = "minimal_price"
    LAST_MODIFIED = "last_modified"
    DATE = "date"
    TYPE = "type"
    PUBLISHED = "published"
    PUBLICATION_DATE = "publication_date"
    PUBLISHED_AT = "published_at"
    LAST_MODIFIED_AT = "last_modified_at"
    COLLECTION = "collection"
    RATING = "rating"
    CREATED_AT = "created_at"


class ProductOrder(graphene.InputObjectType):
    direction = OrderDirection(required=True)
    channel = graphene.String()
    attribute_id = graphene.ID()
    field = ProductOrderField()


def _pks(ids, type_name: str, field: str) -> list[int]:
    ids = list(ids or [])
    if len(ids) > MAX_IDS:
        raise GraphQLError(
            _("At most %(count)d IDs in '%(field)s'.") % {"count": MAX_IDS, "field": field}
        )
    try:
        return [pk_from_global_id(value, type_name) for value in ids]
    except InvalidIdError as err:
        raise GraphQLError(
            _("Invalid ID in '%(field)s': %(error)s") % {"field": field, "error": err}
        )


def _with_subcategories(pks: list[int]) -> Q:
    return Q(category_id__in=pks) | Q(
        category_id__in=Category.objects.filter(parent_id__in=pks).values("pk")
    )


def _in_stock() -> Exists:
    return Exists(
        Stock.objects.filter(
            variant__product_id=OuterRef("pk"),
            group__is_active=True,
            quantity__gt=F("quantity_allocated"),
        )
    )


def _amount(value) -> Decimal | None:
    """A price bound in rupiah; NaN, infinities and absurd sizes are refused clearly."""
    if value is None:
        return None
    amount = Decimal(str(value))
    if not amount.is_finite() or abs(amount) > MAX_PRICE:
        raise GraphQLError(_("Price bounds must be numbers of rupiah."))
    return amount


def _price_between(gte, lte) -> Q:
    gte, lte = _amount(gte), _amount(lte)
    variants = ProductVariant.objects.filter(product_id=OuterRef("pk"))
    if gte is not None:
        variants = variants.filter(price__gte=Decimal(str(gte)))
    if lte is not None:
        variants = variants.filter(price__lte=Decimal(str(lte)))
    return Q(Exists(variants))


def _minimal_price_between(queryset: QuerySet, gte, lte) -> QuerySet:
    gte, lte = _amount(gte), _amount(lte)
    queryset = queryset.annotate(_min_price=Min("variants__price"))
    if gte is not None:
        queryset = queryset.filter(_min_price__gte=Decimal(str(gte)))
    if lte is not None:
        queryset = queryset.filter(_min_price__lte=Decimal(str(lte)))
    return queryset


def apply_filter(queryset: QuerySet, data: dict | None) -> QuerySet:
    if not data:
        return queryset
    if data.get("categories"):
        queryset = queryset.filter(
            _with_subcategories(_pks(data["categories"], "Category", "categories"))
        )
    if data.get("collections"):
        queryset = queryset.filter(
            group_id__in=_pks(data["collections"], "Collection", "collections")
        )
    if data.get("ids"):
        queryset = queryset.filter(pk__in=_pks(data["ids"], "Product", "ids"))
    if data.get("slugs"):
        queryset = queryset.filter(slug__in=list(data["slugs"])[:MAX_IDS])
    if data.get("has_category") is False:
        queryset = queryset.none()
    availability = data.get("stock_availability")
    in_stock = data.get("is_available")
    if availability is not None:
        in_stock = getattr(availability, "value", availability) == StockAvailability.IN_STOCK.value
    if in_stock is not None:
        queryset = queryset.filter(_in_stock() if in_stock else ~_in_stock())
    price = data.get("price")
    if price and (price.get("gte") is not None or price.get("lte") is not None):
        queryset = queryset.filter(_price_between(price.get("gte"), price.get("lte")))
    minimal = data.get("minimal_price")
    if minimal and (minimal.get("gte") is not None or minimal.get("lte") is not None):
        queryset = _minimal_price_between(queryset, minimal.get("gte"), minimal.get("lte"))
    if data.get("search"):
        queryset = search_products(queryset, data["search"])
    return queryset


def _option_pairs() -> list[tuple[str, str]]:
    """Every (option name, value) the variants use: the few the attribute slugs map onto."""
    combinations = ProductVariant.objects.exclude(options={}).values_list("options", flat=True)
    return sorted({pair for options in combinations.distinct() for pair in options.items()})


def _attributes_q(attributes: list[dict]) -> Q:
    """Each attribute matches through a variant option whose name and value slugify to it."""
    pairs = _option_pairs()
    q = Q()
    for attribute in attributes[:MAX_IDS]:
        slug, values = attribute.get("slug"), set(attribute.get("values") or [])
        if not slug:
            raise GraphQLError(_("Each attribute filter needs its slug."))
        options = [
            {name: value}
            for name, value in pairs
            if (slugify(name) or "option") == slug
            and (not values or (slugify(value) or "value") in values)
        ]
        matching = Q(pk__in=[])
        for option in options:
            matching |= Q(options__contains=option)
        q &= Q(Exists(ProductVariant.objects.filter(matching, product_id=OuterRef("pk"))))
    return q


def _where_q(data: dict) -> Q:
    q = Q()
    if data.get("attributes"):
        q &= _attributes_q(data["attributes"])
    if data.get("ids"):
        q &= Q(pk__in=_pks(data["ids"], "Product", "ids"))
    for field in ("name", "slug"):
        value = data.get(field)
        if value:
            if value.get("eq") is not None:
                q &= Q(**{field: value["eq"]})
            if value.get("one_of"):
                q &= Q(**{f"{field}__in": list(value["one_of"])[:MAX_IDS]})
    category = data.get("category")
    if category:
        pks = _pks(
            [category["eq"]] if category.get("eq") else category.get("one_of"),
            "Category",
            "category",
        )
        q &= _with_subcategories(pks)
    collection = data.get("collection")
    if collection:
        ids = [collection["eq"]] if collection.get("eq") else collection.get("one_of")
        q &= Q(group_id__in=_pks(ids, "Collection", "collection"))
    availability = data.get("stock_availability")
    in_stock = data.get("is_available")
    if availability is not None:
        in_stock = getattr(availability, "value", availability) == StockAvailability.IN_STOCK.value
    if in_stock is not None:
        q &= Q(_in_stock()) if in_stock else ~Q(_in_stock())
    if data.get("has_category") is False:
        q &= Q(pk__in=[])
    price = data.get("price")
    if price:
        if price.get("eq") is not None:
            q &= _price_between(price["eq"], price["eq"])
        if price.get("one_of"):
            q &= Q(
                Exists(
                    ProductVariant.objects.filter(
                        product_id=OuterRef("pk"),
                        price__in=[_amount(v) for v in price["one_of"][:MAX_IDS]],
                    )
                )
            )
        if price.get("range"):
            q &= _price_between(price["range"].get("gte"), price["range"].get("lte"))
    for key, combine in (("AND", "and"), ("OR", "or")):
        parts = data.get(key)
        if parts:
            combined = None
            for part in parts:
                part_q = _where_q(part)
                if combined is None:
                    combined = part_q
                else:
                    combined = combined & part_q if combine == "and" else combined | part_q
            q &= combined
    return q


def apply_where(queryset: QuerySet, data: dict | None) -> QuerySet:
    return queryset.filter(_where_q(data)) if data else queryset


SORT_FIELDS = {
    ProductOrderField.NAME.value: ("name", "slug"),
    ProductOrderField.CREATED_AT.value: ("created_at", "pk"),
    ProductOrderField.DATE.value: ("updated_at", "pk"),
    ProductOrderField.LAST_MODIFIED.value: ("updated_at", "pk"),
    ProductOrderField.LAST_MODIFIED_AT.value: ("updated_at", "pk"),
    ProductOrderField.PUBLISHED.value: ("status", "pk"),
    ProductOrderField.PUBLICATION_DATE.value: ("approved_at", "pk"),
    ProductOrderField.PUBLISHED_AT.value: ("approved_at", "pk"),
    ProductOrderField.TYPE.value: ("category__name", "pk"),
    ProductOrderField.COLLECTION.value: ("group__name", "pk"),
}


def apply_sort(queryset: QuerySet, sort_by: dict | None, *, searched: bool) -> QuerySet:
    """Saleor's default: rank when searching, else newest first; ``sortBy`` when given."""
    if not sort_by:
        return queryset if searched else queryset.order_by("-created_at", "-pk")
    field = getattr(sort_by.get("field"), "value", sort_by.get("field")) or "name"
    descending = getattr(sort_by["direction"], "value", sort_by["direction"]) == "desc"
    if field == ProductOrderField.RANK.value:
        if not searched:
            return queryset.order_by("-created_at", "-pk")
        keys = ("search_rank", "pk")
    elif field in (ProductOrderField.PRICE.value, ProductOrderField.MINIMAL_PRICE.value):
        queryset = queryset.annotate(_sort_price=Min("variants__price"))
        keys = ("_sort_price", "pk")
    elif field == ProductOrderField.RATING.value:
        keys = ("created_at", "pk")  # no ratings here: newest first
    else:
        keys = SORT_FIELDS.get(field, ("name", "slug"))
    return queryset.order_by(*[f"-{key}" if descending else key for key in keys])


def paginate_products(
    queryset: QuerySet,
    connection_type,
    *,
    filter=None,
    where=None,
    sort_by=None,
    search=None,
    **page,
):
    """A product list narrowed by Saleor's ``filter`` / ``where`` / ``search``, sorted, paged."""
    queryset = apply_where(apply_filter(queryset, filter), where)
    text = search or (filter or {}).get("search")
    if search:
        queryset = apply_filter(queryset, {"search": search})
    queryset = apply_sort(queryset, sort_by, searched=bool(text))
    return paginate(queryset, connection_type, **page)
