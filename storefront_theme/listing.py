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
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category
from marketplace.catalog.search import search_products
from marketplace.core.urls_fast import fast_reverse
from marketplace.orders.models import OrderLine, OrderStatus
from marketplace.regions.models import Province

from .cards import cards_by_id, with_card_facts

PAGE_SIZE = 24

SORT_CHOICES = [
    ("", _("Best match / newest")),
    ("newest", _("Newest")),
    ("price", _("Price: low to high")),
    ("-price", _("Price: high to low")),
    ("popular", _("Most popular")),
]
PRICE_SORTS = ("price", "-price")
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


# The filter panel is written in Python (``ListingFilterForm.fields_html``): Django's widget
# templates, bound-field context and ``format_html`` cost about as much as the page's queries.
Option = tuple[str, str, str]  # value, escaped value, escaped label
_options_memo: dict[tuple[str, str], tuple[object, tuple[Option, ...]]] = {}


def escaped_options(name: str, source: object, choices) -> tuple[Option, ...]:
    """A select's options, escaped once per ``source`` (the cached rows they come from, or the
    fixed choices) and language: escaping 60 category and province labels again on every
    listing was a tenth of the page."""
    key = (name, get_language() or "")
    kept = _options_memo.get(key)
    if kept is not None and kept[0] is source:
        return kept[1]
    options = tuple(
        (str(value), escape(str(value)), escape(str(label))) for value, label in choices
    )
    _options_memo[key] = (source, options)
    return options


def _attributes(attrs: dict) -> str:
    """`` name="value"`` pairs (``True``: the bare name, ``None``/``False``: left out)."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not None and value is not False
    )


def select_html(name: str, options: tuple[Option, ...], chosen: str, attrs: dict) -> str:
    rendered = "".join(
        f'<option value="{escaped}"{" selected" if value == chosen else ""}>{label}</option>'
        for value, escaped, label in options
    )
    return f'<select name="{escape(name)}"{_attributes(attrs)}>{rendered}</select>'


def input_html(widget: forms.widgets.Input, name: str, value, attrs: dict) -> str:
    """What Django's ``input.html`` writes for a text, number, hidden or checkbox input."""
    if isinstance(widget, forms.CheckboxInput):
        attrs = {**attrs, "checked": widget.check_test(value)}
        value = None
    else:
        value = widget.format_value(value)
    shown = "" if value is None else f' value="{escape(str(value))}"'
    return (
        f'<input type="{widget.input_type}" name="{escape(name)}"{shown}'
        f"{_attributes({**attrs, **widget.attrs})}>"
    )


class CachedModelChoiceField(forms.ChoiceField):
    """A model choice among cached rows: the cleaned value is the model instance, as with
    ``ModelChoiceField``, and the choices cost no query while the cache holds them."""

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

    def options(self) -> tuple[Option, ...]:
        return escaped_options(self.key + ":" + str(id(self.load_rows)), self.rows(), self.choices)


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
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, fixed: frozenset = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in fixed:  # the page itself fixes it (a category page has its category)
            self.fields.pop(name, None)

    def fields_html(self, search_text: str = "") -> SafeString:
        """The form's fields as the filter panel shows them, written in Python: the template
        loop with a bound field, label and widget context per field cost as much as the page's
        queries. Checkbox after its label's text, hidden fields only with a value, the search
        text (already in the header) as a hidden field."""
        parts = []
        for name, field in self.fields.items():
            if name == "q":
                if search_text:
                    parts.append(f'<input type="hidden" name="q" value="{escape(search_text)}">')
                continue
            bound = self[name]
            value, attrs = bound.value(), {"id": bound.auto_id}
            if field.widget.is_hidden:
                if value:
                    parts.append(input_html(field.widget, name, value, attrs))
                continue
            if name in self.errors:
                attrs["aria-invalid"] = "true"
            if isinstance(field, CachedModelChoiceField):
                widget = select_html(name, field.options(), str(value or ""), attrs)
            elif isinstance(field, forms.ChoiceField):
                options = escaped_options(name, SORT_CHOICES, field.choices)
                widget = select_html(name, options, str(value or ""), attrs)
            else:
                widget = input_html(field.widget, name, value, attrs)
            label = f'<label for="{escape(bound.auto_id)}">{escape(str(field.label))}</label>'
            if isinstance(field.widget, forms.CheckboxInput):
                parts.append(f'<p class="check">{widget} {label}</p>')
            else:
                parts.append(f"<p>{label}{widget}</p>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every value escaped above

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
    """The products of a listing, filtered and sorted (the cards are read afterwards, by id).

    The cheapest price and the stock test are added only when a filter or the sort needs them,
    and the conditions go in one ``filter()``: a listing builds this queryset on every request.
    """
    sort = filters.get("sort", "")
    low, high = filters.get("min_price"), filters.get("max_price")
    if low is not None or high is not None or filters.get("in_stock") or sort in PRICE_SORTS:
        queryset = with_card_facts(queryset)
    conditions = []
    if category := filters.get("category"):
        conditions.append(Q(category_id__in=category_and_children(category)))
    if province := filters.get("province"):
        conditions.append(Q(group__regency__province=province))
    if group := filters.get("group"):
        conditions.append(Q(group__slug=group))
    if low is not None:
        conditions.append(Q(min_price__gte=low))
    if high is not None:
        conditions.append(Q(min_price__lte=high))
    if filters.get("in_stock"):
        conditions.append(Q(in_stock=True))
    if conditions:
        queryset = queryset.filter(*conditions)
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


# The number of all matches beside each row of a page (written as SQL: resolving Django's
# ``Window(Count("*"))`` on every request cost more than counting).
MATCHES = RawSQL("COUNT(*) OVER ()", (), output_field=IntegerField())  # noqa: S611 - constant SQL


def visits_every_match(filters: dict) -> bool:
    """Whether finding a page means looking at every matching product anyway: ranking a search,
    sorting by price or sales, or filtering on price or stock. The newest-first order alone is
    read from an index and stops after one page."""
    per_row = ("q", "min_price", "max_price", "in_stock")
    return any(filters.get(name) not in (None, "") for name in per_row) or filters.get(
        "sort", ""
    ) not in ("", "newest")


def paginate(queryset: QuerySet, page_number, *, one_pass: bool) -> Page:
    """A page of ``filter_products`` as ``ProductCard`` objects.

    With ``one_pass`` (see ``visits_every_match``) the page's product ids come with the number
    of all matches alongside (``COUNT(*) OVER ()``), so matching, ranking and per-row facts run
    once rather than once to count and again for the page. Otherwise the count reads only an
    index and the page's ids stop after one page. Their cards come last, in one prepared
    statement (``cards_by_id``).
    """
    wanted = _page_number(page_number)
    if one_pass:
        numbered = queryset.annotate(matches=MATCHES).values_list("pk", "matches")
        rows = list(numbered[(wanted - 1) * PAGE_SIZE : wanted * PAGE_SIZE])
        total = rows[0][1] if rows else (queryset.count() if wanted > 1 else 0)
    else:
        numbered = queryset.values_list("pk", "pk")
        total, rows = queryset.count(), None
    page = Paginator(range(total), PAGE_SIZE).get_page(wanted)
    if rows is None or page.number != wanted:  # past the last page: the last, as ``get_page``
        rows = list(numbered[(page.number - 1) * PAGE_SIZE : page.number * PAGE_SIZE])
    page.object_list = cards_by_id([pk for pk, _matches in rows])
    return page


def _page_number(value) -> int:
    """The requested page, 1 for anything that is not a positive whole number."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number > 0 else 1
