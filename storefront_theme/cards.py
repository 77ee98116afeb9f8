"""Product cards: what a grid shows of a product, read as plain rows.

Every page with a grid (home, listings, search, a group, a product's related products) shows the
same few facts per product. Reading them as tuples (``values_list``) in one query, first photo
included, instead of four model instances per card (product, group, regency, category) and a
prefetch of the photos, more than halves the cost of a listing.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, CharField, IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

from marketplace.catalog.models import Product
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


CARD_FIELDS = (
    "pk",
    "slug",
    "name",
    "name_en",
    "group__name",
    "group__regency__name",
    "min_price",
    "in_stock",
)


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


def card_rows(queryset: QuerySet) -> QuerySet:
    """``queryset`` (annotated by ``with_card_facts``, maybe sliced) as card tuples, first
    photo included; turn them into cards with ``cards``."""
    photo = RawSQL(FIRST_PHOTO_SQL, (), output_field=CharField())  # noqa: S611 - constant SQL
    return queryset.annotate(photo_ref=photo).values_list(*CARD_FIELDS, "photo_ref")


def cards(rows) -> list[ProductCard]:
    """Cards of ``card_rows`` tuples, in their order."""
    size = len(CARD_FIELDS)
    return [ProductCard(*row[:size], photo=_photo(row[size])) for row in rows]


def _photo(reference: str | None) -> Photo | None:
    if not reference:
        return None
    pk, name, alt = reference.split("|", 2)
    return Photo(int(pk), name, alt)


def cards_of(queryset: QuerySet) -> list[ProductCard]:
    """The cards of a (sliced) Product queryset, in its order."""
    return cards(card_rows(with_card_facts(queryset)))


def cards_by_id(ids: list[int]) -> list[ProductCard]:
    """The cards of these products, in the order of ``ids`` (a ranked search page)."""
    found = {card.pk: card for card in cards_of(Product.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]
