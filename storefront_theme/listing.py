"""The product listings (all products, category, search, group, province): filters, sort, pages."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category, Product, ProductMedia, ProductVariant, Stock
from marketplace.catalog.search import search_products
from marketplace.orders.models import OrderLine, OrderStatus
from marketplace.regions.models import Province

PAGE_SIZE = 24

SORT_CHOICES = [
    ("", _("Best match / newest")),
    ("newest", _("Newest")),
    ("price", _("Price: low to high")),
    ("-price", _("Price: high to low")),
    ("popular", _("Most popular")),
]
SORT_ORDER = {
    "newest": ("-created_at", "-pk"),
    "price": ("min_price", "-pk"),
    "-price": ("-min_price", "-pk"),
    "popular": ("-sold", "-created_at", "-pk"),
}


CHOICES_CACHE_SECONDS = 60  # a new category or province shows in the filters within a minute


def _cached_rows(name: str, load) -> list:
    """A short-lived copy of a small, rarely changing table (categories, provinces).

    Every listing shows both as filter choices; reading them from the cache saves two queries
    and building the model instances on each request.
    """
    namespace = getattr(settings, "STOREFRONT_CACHE_NAMESPACE", "sf1")
    key = f"{namespace}:choices:{name}"
    rows = cache.get(key)
    if rows is None:
        rows = list(load())
        cache.set(key, rows, CHOICES_CACHE_SECONDS)
    return rows


def category_rows() -> list[Category]:
    return _cached_rows("categories", lambda: Category.objects.select_related("parent"))


def province_rows() -> list[Province]:
    return _cached_rows("provinces", lambda: Province.objects.all())


class QuickSelect(forms.Select):
    """A ``<select>`` written in Python: the template-per-option rendering of Django's widget
    cost more than the page's queries with 38 provinces and two dozen categories."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


class CachedModelChoiceField(forms.ChoiceField):
    """A model choice among cached rows: the cleaned value is the model instance, as with
    ``ModelChoiceField``, and the choices cost no query while the cache holds them."""

    widget = QuickSelect

    def __init__(self, *, rows, key: str = "pk", empty_label="", **kwargs):
        self.load_rows, self.key, self.empty_label = rows, key, empty_label
        self.loaded = None
        super().__init__(choices=self.load_choices, **kwargs)

    def rows(self) -> list:
        """Read once per form (the form's fields are its own copies)."""
        if self.loaded is None:
            self.loaded = self.load_rows()
        return self.loaded

    def load_choices(self) -> list[tuple[str, str]]:
        return [("", self.empty_label)] + [
            (str(getattr(row, self.key)), str(row)) for row in self.rows()
        ]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        for row in self.rows():
            if str(getattr(row, self.key)) == str(value):
                return row
        raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value):
        return getattr(value, self.key, value)


class ListingFilterForm(forms.Form):
    """The GET parameters of a listing; invalid values are ignored rather than refused."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = CachedModelChoiceField(
        label=_("Category"),
        rows=category_rows,
        key="slug",
        required=False,
        empty_label=_("All categories"),
    )
    province = CachedModelChoiceField(
        label=_("Province"),
        rows=province_rows,
        required=False,
        empty_label=_("All provinces"),
    )
    group = forms.SlugField(label=_("Group"), required=False, widget=forms.HiddenInput)
    min_price = forms.IntegerField(label=_("Lowest price (Rp)"), required=False, min_value=0)
    max_price = forms.IntegerField(label=_("Highest price (Rp)"), required=False, min_value=0)
    in_stock = forms.BooleanField(label=_("In stock only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=SORT_CHOICES, required=False, widget=QuickSelect
    )

    def __init__(self, *args, fixed: frozenset = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in fixed:  # the page itself fixes it (a category page has its category)
            self.fields.pop(name, None)

    def cleaned(self) -> dict:
        """Valid values only: a wrong parameter in a shared link drops that filter."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}


# A card shows none of these; the group's phone number alone costs a parse per row.
CARD_DEFERRED = (
    "description",
    "description_en",
    "rejection_reason",
    "group__phone",
    "group__story",
    "group__email",
    "group__leader_name",
    "category__description",
)


def card_queryset(queryset: QuerySet) -> QuerySet:
    """What a product card shows, in a fixed number of queries whatever the page size."""
    cheapest = ProductVariant.objects.filter(product=OuterRef("pk")).order_by("price")
    # LIMIT 1 keeps this a per-row index lookup; a bare EXISTS lets PostgreSQL hash every stock
    # row of the catalog first, which costs more than the whole page.
    available = Stock.objects.filter(
        variant__product=OuterRef("pk"), quantity__gt=F("quantity_allocated")
    ).values("pk")[:1]
    return (
        queryset.select_related("group__regency", "category")
        .defer(*CARD_DEFERRED)
        .annotate(min_price=Subquery(cheapest.values("price")[:1]), stock_ref=Subquery(available))
        .annotate(
            in_stock=ExpressionWrapper(Q(stock_ref__isnull=False), output_field=BooleanField())
        )
        .prefetch_related(
            Prefetch("media", queryset=ProductMedia.objects.order_by("sort_order", "pk"))
        )
    )


def sold_quantity() -> Coalesce:
    sold = (
        OrderLine.objects.filter(variant__product=OuterRef("pk"), is_canceled=False)
        .exclude(order__status=OrderStatus.CANCELED)
        .values("variant__product")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return Coalesce(Subquery(sold, output_field=IntegerField()), 0)


def filter_products(queryset: QuerySet, filters: dict) -> QuerySet:
    queryset = card_queryset(queryset)
    if category := filters.get("category"):
        queryset = queryset.filter(Q(category=category) | Q(category__parent=category))
    if province := filters.get("province"):
        queryset = queryset.filter(group__regency__province=province)
    if group := filters.get("group"):
        queryset = queryset.filter(group__slug=group)
    if (low := filters.get("min_price")) is not None:
        queryset = queryset.filter(min_price__gte=low)
    if (high := filters.get("max_price")) is not None:
        queryset = queryset.filter(min_price__lte=high)
    if filters.get("in_stock"):
        queryset = queryset.filter(in_stock=True)
    sort = filters.get("sort", "")
    if filters.get("q"):
        queryset = search_products(queryset, filters["q"])
    elif not sort:
        sort = "newest"
    if sort == "popular":
        queryset = queryset.annotate(sold=sold_quantity())
    if sort:
        queryset = queryset.order_by(*SORT_ORDER[sort])
    return queryset


def paginate(queryset: QuerySet, page_number) -> Page:
    if "search_rank" not in queryset.query.annotations:
        return Paginator(queryset, PAGE_SIZE).get_page(page_number)
    # Matching a search is the page's main cost: do it once, for the ranked ids (the count is
    # their number), rather than once to count and again for the page.
    ids = list(queryset.values_list("pk", flat=True))
    page = Paginator(ids, PAGE_SIZE).get_page(page_number)
    cards = card_queryset(queryset.model.objects.all()).in_bulk(page.object_list)
    page.object_list = [cards[pk] for pk in page.object_list if pk in cards]
    return page


def published_products() -> QuerySet:
    return Product.objects.published()
