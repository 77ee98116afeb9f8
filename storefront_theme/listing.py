"""The product listings (all products, category, search, group, province): filters, sort, pages."""

import time
from html import escape

from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category, Product
from marketplace.catalog.search import search_products
from marketplace.core.urls_fast import fast_reverse
from marketplace.orders.models import OrderLine, OrderStatus
from marketplace.regions.models import Province

from .cards import card_rows, cards, cards_by_id, with_card_facts

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


_rows_memo: dict[str, tuple[float, list]] = {}


def _cached_rows(name: str, load) -> list:
    """A short-lived copy, in this process, of a small, rarely changing table (categories,
    provinces).

    Every listing shows both as filter choices and the home page the provinces with groups;
    keeping them in the worker's memory for a minute saves their queries and, unlike a shared
    cache, unpickling dozens of model instances on each request.
    """
    namespace = getattr(settings, "STOREFRONT_CACHE_NAMESPACE", "sf1")
    key = f"{namespace}:choices:{name}"
    now = time.monotonic()
    kept = _rows_memo.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    rows = list(load())
    _rows_memo[key] = (now + CHOICES_CACHE_SECONDS, rows)
    return rows


def category_rows() -> list[Category]:
    return _cached_rows("categories", lambda: Category.objects.select_related("parent"))


def province_rows() -> list[Province]:
    return _cached_rows("provinces", lambda: Province.objects.all())


def provinces_with_groups() -> list[dict]:
    """Provinces with active groups and how many (the home page), linked to their listing."""
    groups = Count("regencies__uppks_groups", filter=Q(regencies__uppks_groups__is_active=True))
    rows = _cached_rows(
        "provinces-with-groups",
        lambda: (
            Province.objects.annotate(group_count=groups)
            .filter(group_count__gt=0)
            .order_by("name")
            .values("code", "name", "group_count")
        ),
    )
    return [{**row, "url": fast_reverse("storefront:province", code=row["code"])} for row in rows]


class QuickSelect(forms.Select):
    """A ``<select>`` written in Python: the template-per-option rendering of Django's widget
    cost more than the page's queries with 38 provinces and two dozen categories."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        # The standard library's escape (what Django's calls underneath) without the lazy-string
        # check Django wraps around every call: 60 options, 60 calls saved.
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(attrs),
            mark_safe(options),  # noqa: S308 - escaped above
        )


class QuickInputMixin:
    """An ``<input>`` written in Python, the same HTML as Django's widget template (which costs
    about half a millisecond per field on every listing)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>', widget["type"], name, value, flatatt(widget["attrs"])
        )


class QuickNumberInput(QuickInputMixin, forms.NumberInput):
    pass


class QuickCheckboxInput(QuickInputMixin, forms.CheckboxInput):
    pass


class QuickHiddenInput(QuickInputMixin, forms.HiddenInput):
    pass


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
    group = forms.SlugField(label=_("Group"), required=False, widget=QuickHiddenInput)
    min_price = forms.IntegerField(
        label=_("Lowest price (Rp)"), required=False, min_value=0, widget=QuickNumberInput
    )
    max_price = forms.IntegerField(
        label=_("Highest price (Rp)"), required=False, min_value=0, widget=QuickNumberInput
    )
    in_stock = forms.BooleanField(
        label=_("In stock only"), required=False, widget=QuickCheckboxInput
    )
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
    """The products of a listing, filtered and sorted, annotated with their card facts."""
    queryset = with_card_facts(queryset)
    if category := filters.get("category"):
        queryset = queryset.filter(category_id__in=category_and_children(category))
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
        queryset = search_products(queryset, filters["q"], categories=category_rows())
    elif not sort:
        sort = "newest"
    if sort == "popular":
        queryset = queryset.annotate(sold=sold_quantity())
    if sort:
        queryset = queryset.order_by(*SORT_ORDER[sort])
    return queryset


def category_and_children(category: Category) -> list[int]:
    """Ids for a plain ``category_id IN (…)``: a join to test the parent made PostgreSQL scan
    every product to count a category page."""
    return [category.pk] + [row.pk for row in category_rows() if row.parent_id == category.pk]


def paginate(queryset: QuerySet, page_number) -> Page:
    """A page of ``filter_products`` as ``ProductCard`` objects."""
    if "search_rank" in queryset.query.annotations:
        # Matching a search is the page's main cost: do it once, for the ranked ids (the count
        # is their number), rather than once to count and again for the page.
        ids = list(queryset.values_list("pk", flat=True))
        page = Paginator(ids, PAGE_SIZE).get_page(page_number)
        page.object_list = cards_by_id(list(page.object_list))
        return page
    # The count runs on the plain queryset (its joins and filters only); the page's rows are
    # the card tuples. A window count in the rows would compute every match's card first.
    page = Paginator(queryset, PAGE_SIZE).get_page(page_number)
    page.object_list = cards(card_rows(page.object_list))
    return page


def published_products() -> QuerySet:
    return Product.objects.published()
