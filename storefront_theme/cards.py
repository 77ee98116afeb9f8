"""Product cards: what a grid shows of a product, read as plain rows.

Every page with a grid (home, listings, search, a group, a product's related products) shows the
same few facts per product. They are read as tuples in one constant SQL statement, first photo
included, rather than as four model instances per card (product, group, regency, category) and
a prefetch of the photos, or a queryset compiled anew for every request; the statement is
prepared once per connection (``core.sql``). A listing picks its page of product ids with the
ORM (its filters and sorts) and then reads their cards by id.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

from marketplace.catalog.models import ProductStatus
from marketplace.core.sql import fetch_prepared, id_list_condition
from marketplace.core.urls_fast import fast_reverse


@dataclass(frozen=True, slots=True)
class Photo:
    """The first photo of a product: enough to build its thumbnail URLs."""

    pk: int
    name: str
    alt: str


@dataclass(frozen=True, slots=True)
class ProductCard:
    pk: int
    slug: str
    name: str
    name_en: str
    group_name: str
    regency_name: str
    min_price: int | None
    in_stock: bool
    photo: Photo | None = None

    @property
    def display_name(self) -> str:
        return self.name_en if self.name_en and get_language() == "en" else self.name

    @property
    def url(self) -> str:
        return fast_reverse("storefront:product", slug=self.slug)

    @property
    def regency_short_name(self) -> str:
        """``Klungkung`` for ``Kabupaten Klungkung`` (as ``Regency.short_name``)."""
        return self.regency_name.split(" ", 1)[1] if " " in self.regency_name else self.regency_name


# Correlated subqueries on the product row (its table is always the query's base table here).
# Written as SQL because Django compiles the equivalent ``Subquery(OuterRef…)`` expressions
# anew for every query, which cost a listing more time than running them. ``LIMIT 1 … IS NOT
# NULL`` keeps the stock test a per-row index lookup even in a filter, where PostgreSQL would
# otherwise turn an ``EXISTS`` into a hash of every stock row of the catalog.
CHEAPEST_PRICE_SQL = (
    "SELECT MIN(v.price) FROM catalog_productvariant v WHERE v.product_id = catalog_product.id"
)
IN_STOCK_SQL = (
    "(SELECT 1 FROM catalog_stock s INNER JOIN catalog_productvariant v ON v.id = s.variant_id"
    " WHERE v.product_id = catalog_product.id AND s.quantity > s.quantity_allocated LIMIT 1)"
    " IS NOT NULL"
)


def with_card_facts(queryset: QuerySet) -> QuerySet:
    """Annotate the cheapest price and whether any variant is in stock (filters and sorts use
    them too)."""
    return queryset.annotate(
        min_price=RawSQL(CHEAPEST_PRICE_SQL, (), output_field=IntegerField()),  # noqa: S611 - constant SQL
        in_stock=RawSQL(IN_STOCK_SQL, (), output_field=BooleanField()),  # noqa: S611 - constant SQL
    )


# The first stored photo as "id|name|alt" (storage names never hold "|"), so a grid needs no
# second query for its pictures.
FIRST_PHOTO_SQL = (
    "SELECT CAST(m.id AS TEXT) || '|' || m.image || '|' || m.alt FROM catalog_productmedia m"
    " WHERE m.product_id = catalog_product.id AND m.image <> ''"
    " ORDER BY m.sort_order, m.id LIMIT 1"
)

# A card's columns in ``ProductCard``'s order. Grids run these statements as constant SQL: for
# the ORM, building and compiling the same query (joins, three subqueries) for every visitor
# cost a listing more time than PostgreSQL took to run it.
CARD_COLUMNS_SQL = (
    "catalog_product.id, catalog_product.slug, catalog_product.name, catalog_product.name_en,"
    " groups_uppksgroup.name, regions_regency.name,"
    f" ({CHEAPEST_PRICE_SQL}), {IN_STOCK_SQL}, ({FIRST_PHOTO_SQL})"
)
CARD_JOINS_SQL = (
    " INNER JOIN groups_uppksgroup ON groups_uppksgroup.id = catalog_product.group_id"
    " INNER JOIN regions_regency ON regions_regency.code = groups_uppksgroup.regency_id"
)
CARDS_FROM_SQL = f"SELECT {CARD_COLUMNS_SQL} FROM catalog_product{CARD_JOINS_SQL}"  # noqa: S608 - constant
# What ``ProductQuerySet.published`` keeps (approved, from an active group), for the grids that
# pick their own products (the newest on the home page, a product's related products).
PUBLISHED_WHERE_SQL = "catalog_product.status = %s AND groups_uppksgroup.is_active"
NEWEST_ORDER_SQL = "catalog_product.created_at DESC, catalog_product.id DESC"


def cards(rows) -> list[ProductCard]:
    """Cards of rows in ``CARD_COLUMNS_SQL``'s columns, in their order."""
    return [
        ProductCard(pk, slug, name, name_en, group, regency, price, bool(stock), _photo(photo))
        for pk, slug, name, name_en, group, regency, price, stock, photo in rows
    ]


def _photo(reference: str | None) -> Photo | None:
    if not reference:
        return None
    pk, name, alt = reference.split("|", 2)
    return Photo(int(pk), name, alt)


def cards_by_id(ids: list[int]) -> list[ProductCard]:
    """The cards of these products, in the order of ``ids`` (a page of a listing or search)."""
    if not ids:
        return []
    condition, params = id_list_condition("catalog_product.id", ids)
    found = {row[0]: row for row in fetch_prepared(f"{CARDS_FROM_SQL} WHERE {condition}", params)}  # noqa: S608 - constant fragments
    return cards(found[pk] for pk in ids if pk in found)


def newest_cards(limit: int, *, category_id: int | None = None, exclude_id: int | None = None):
    """The newest published products (of one category, without one product) as cards."""
    where, params = [PUBLISHED_WHERE_SQL], [ProductStatus.APPROVED.value]
    if category_id is not None:
        where.append("catalog_product.category_id = %s")
        params.append(category_id)
    if exclude_id is not None:
        where.append("catalog_product.id <> %s")
        params.append(exclude_id)
    sql = f"{CARDS_FROM_SQL} WHERE {' AND '.join(where)} ORDER BY {NEWEST_ORDER_SQL} LIMIT %s"  # noqa: S608 - constant fragments
    return cards(fetch_prepared(sql, [*params, int(limit)]))
