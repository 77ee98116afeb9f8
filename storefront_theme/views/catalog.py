"""Catalog pages: home, listings, product and group pages.

Their catalog parts are cached fragments (see ``caching``), built by the ``build`` closures below
(any 404 is raised there, so a cached page costs no query at all); the shell around a fragment is
rendered for each visitor.
"""

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from marketplace.catalog.models import Product
from marketplace.groups.models import UppksGroup
from marketplace.regions.models import Province

from ..caching import cached_fragment, serves_shared_page, shared_page
from ..cards import newest_cards
from ..listing import (
    ListingFilterForm,
    category_rows,
    filter_products,
    paginate,
    provinces_with_groups,
    visits_every_match,
)
from ..product_page import variants_and_photos

FEATURED_COUNT = 8
RELATED_COUNT = 4


def home(request):
    def build():
        html = render_to_string(
            "storefront/_home.html",
            {
                "featured": newest_cards(FEATURED_COUNT),
                "categories": [row for row in category_rows() if row.parent_id is None],
                "provinces": provinces_with_groups(),
            },
        )
        return {"html": html, "title": ""}

    return _page(request, "storefront/page.html", lambda: cached_fragment("home", request, build))


def _listing(
    request,
    kind: str,
    resolve: Callable[[], tuple[QuerySet, dict, str, dict]],
    *,
    fixed: frozenset = frozenset(),
    template: str = "storefront/_listing.html",
):
    """A listing page. ``resolve`` gives the base queryset, the filters the URL fixes, the title
    and extra context; it runs only when the fragment is not cached."""

    def build():
        base, fixed_filters, title, context = resolve()
        form = ListingFilterForm(request.GET, fixed=fixed)
        filters = {**form.cleaned(), **fixed_filters}
        page = paginate(
            filter_products(base, filters),
            request.GET.get("page"),
            one_pass=visits_every_match(filters),
        )
        query = request.GET.copy()
        query.pop("page", None)
        html = render_to_string(
            template,
            {
                "form": form,
                "page": page,
                "products": list(page.object_list),
                "query": query.urlencode(),
                "search_text": filters.get("q", ""),
                "title": title,
                **context,
            },
        )
        return {"html": html, "title": title}

    return _page(request, "storefront/page.html", lambda: cached_fragment(kind, request, build))


def products(request):
    return _listing(
        request, "products", lambda: (Product.objects.published(), {}, _("All products"), {})
    )


def search(request):
    def resolve():
        text = request.GET.get("q", "").strip()[:100]
        title = _("Search results for “%(text)s”") % {"text": text} if text else _("Search")
        return Product.objects.published(), {}, title, {}

    return _listing(request, "search", resolve)


def category(request, slug):
    def resolve():
        category = next((row for row in category_rows() if row.slug == slug), None)
        if category is None:
            raise Http404
        return Product.objects.published(), {"category": category}, category.display_name, {}

    return _listing(request, "category", resolve, fixed=frozenset({"category"}))


def province(request, code):
    def resolve():
        province = get_object_or_404(Province, code=code)
        title = _("Products from %(province)s") % {"province": province.name}
        return Product.objects.published(), {"province": province}, title, {}

    return _listing(request, "province", resolve, fixed=frozenset({"province"}))


def group(request, slug):
    def resolve():
        group = get_object_or_404(
            UppksGroup.objects.active().select_related("regency__province", "district"),
            slug=slug,
        )
        base = Product.objects.published().filter(group=group)
        return base, {}, group.name, {"group": group}

    return _listing(
        request,
        "group",
        resolve,
        fixed=frozenset({"province"}),
        template="storefront/_group.html",
    )


# The product page shows none of these; the group's phone number alone costs a parse.
PRODUCT_PAGE_DEFERRED = (
    "rejection_reason",
    "group__phone",
    "group__email",
    "group__story",
    "group__leader_name",
)


def product(request, slug):
    def build():
        product = get_object_or_404(
            Product.objects.published()
            .select_related("group__regency__province")
            .defer(*PRODUCT_PAGE_DEFERRED),
            slug=slug,
        )
        # The category (and its parent) from the rows every listing keeps: two joins fewer.
        categories = {row.pk: row for row in category_rows()}
        if product.category_id in categories:
            product.category = categories[product.category_id]
        variants, media = variants_and_photos(product.pk, fallback_label=product.display_name)
        context = {
            "product": product,
            "media": media,
            "variants": variants,
            "related": newest_cards(
                RELATED_COUNT, category_id=product.category_id, exclude_id=product.pk
            ),
            "is_food": product.category.is_food,
            "description": product.description_en
            if get_language() == "en" and product.description_en
            else product.description,
        }
        html = render_to_string("storefront/_product.html", context)
        details = render_to_string("storefront/_product_details.html", context)
        return {
            "html": html,
            "details": details,
            "title": product.display_name,
            "variants": variants,
        }

    return _page(
        request, "storefront/product.html", lambda: cached_fragment("product", request, build)
    )


def _page(request, template: str, fragment_data: Callable[[], dict]):
    """Wrap a fragment (rendered, with escaping, by our own templates) in the visitor's shell.

    A first-time visitor (no session: no cart, no account, no pending message) gets the whole
    page from the cache, with their own CSRF token put in place of the placeholder.
    """

    def render_page(**extra):
        data = fragment_data()
        context = {
            **data,
            "fragment": mark_safe(data["html"]),  # noqa: S308 - our autoescaped template output
            "details": mark_safe(data.get("details", "")),  # noqa: S308 - same
            **extra,
        }
        return render(request, template, context)

    if not serves_shared_page(request):
        return render_page()
    return shared_page(request, render_page)
