"""Template tags of the storefront: responsive product images and the header's cart count."""

import functools
from html import escape

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext

from marketplace.catalog.thumbnails import snap_size, stored_thumbnail_urls
from marketplace.core.money import format_rupiah
from marketplace.core.sanitize import sanitize_html
from marketplace.core.urls_fast import fast_reverse

from ..cards import Photo, ProductCard

register = template.Library()

CART_QUANTITY_SESSION_KEY = "cart_quantity"


@register.simple_tag
def product_image(media, size, alt="", css_class="", eager=False):
    """A square thumbnail as ``<picture>``: WebP first, JPEG fallback, 1x/2x, width and height.

    ``media`` is a ``ProductMedia`` or a card's ``Photo``. With no stored photo (not fetched
    yet), an empty placeholder of the same size keeps the layout from jumping.

    Written with the standard library's ``escape`` (every value below goes through it): a grid
    draws 24 of these, and Django's ``format_html`` checks each argument for lazy strings.
    """
    size = snap_size(int(size))
    photo = _photo(media)
    text = escape(str(alt or (photo.alt if photo else "")))
    css_class = escape(str(css_class))
    if photo is None:
        return mark_safe(  # noqa: S308 - escaped above
            f'<span class="ph {css_class}" style="aspect-ratio:1" role="img"'
            f' aria-label="{text}"></span>'
        )
    double = snap_size(size * 2)
    webp, webp2, jpeg, jpeg2 = (
        escape(url)
        for url in stored_thumbnail_urls(
            photo.pk,
            photo.name,
            [(size, "WEBP"), (double, "WEBP"), (size, "JPEG"), (double, "JPEG")],
        )
    )
    return mark_safe(  # noqa: S308 - every value escaped
        f'<picture><source type="image/webp" srcset="{webp} 1x, {webp2} 2x">'
        f'<img src="{jpeg}" srcset="{jpeg} 1x, {jpeg2} 2x" width="{size}" height="{size}"'
        f' alt="{text}" class="{css_class}" loading="{"eager" if eager else "lazy"}"'
        ' decoding="async"></picture>'
    )


def _photo(media) -> Photo | None:
    if media is None or isinstance(media, Photo):
        return media
    if not getattr(media, "image", None):
        return None
    return Photo(media.pk, media.image.name, media.alt)


CARD_IMAGE_SIZE = 192


@register.simple_tag
def product_card(card: ProductCard):
    """One product card of a grid, written in Python (standard ``escape`` on every value): with
    an include per card, the template engine's per-variable work was the larger part of a
    listing."""
    name = card.display_name
    price = escape(format_rupiah(card.min_price)) if card.min_price else ""
    meta = f"{escape(card.group_name)} · {escape(card.regency_short_name)}"
    out = "" if card.in_stock else f'<span class="out">{escape(gettext("Out of stock"))}</span>'
    return mark_safe(  # noqa: S308 - every value escaped
        f'<li class="card">\n  <a href="{escape(card.url)}">\n'
        f"    {product_image(card.photo, CARD_IMAGE_SIZE, name)}\n"
        f'    <span class="name">{escape(name)}</span>\n  </a>\n'
        f'  <span class="price">{price}</span>\n'
        f'  <span class="meta">{meta}</span>\n'
        f"  {out}\n</li>\n"
    )


@register.simple_tag
def filter_panel(form, search_text=""):
    """A listing's filter and sort panel, open once any filter is set (fields written by
    ``ListingFilterForm.fields_html``; the panel in Python too, not an include per page)."""
    opened = " open" if form.data else ""
    title, apply = escape(gettext("Filter and sort")), escape(gettext("Apply"))
    return mark_safe(  # noqa: S308 - translations escaped, fields escaped by fields_html
        f'<details class="filters"{opened}>\n  <summary>{title}</summary>\n'
        f'  <form method="get" action="">\n    {form.fields_html(search_text or "")}\n'
        f'    <button type="submit">{apply}</button>\n  </form>\n</details>'
    )


@register.simple_tag
def page_links(page, query=""):
    """Previous / next links of a listing, keeping its other parameters (``query``)."""
    if not page.has_other_pages():
        return ""
    keep = f"{escape(query)}&amp;" if query else ""
    label, previous, following = gettext("Pages"), gettext("Previous"), gettext("Next")
    where = gettext("Page %(number)s of %(count)s") % {
        "number": page.number,
        "count": page.paginator.num_pages,
    }
    links = [f'<nav class="pages" aria-label="{escape(label)}">']
    if page.has_previous():
        number = page.previous_page_number()
        links.append(f'  <a rel="prev" href="?{keep}page={number}">{escape(previous)}</a>')
    links.append(f"  <span>{escape(where)}</span>")
    if page.has_next():
        number = page.next_page_number()
        links.append(f'  <a rel="next" href="?{keep}page={number}">{escape(following)}</a>')
    return mark_safe("\n".join(links) + "\n</nav>")  # noqa: S308 - every value escaped


@register.simple_tag
def language_options(current: str):
    """The language switch's options, each in its own language (the same for every page, so
    written once per current language)."""
    return _language_options(current)


@functools.lru_cache(maxsize=16)
def _language_options(current: str) -> str:
    options = []
    for code, _name in settings.LANGUAGES:
        chosen = " selected" if code == current else ""
        name = escape(get_language_info(code)["name_local"])
        options.append(f'<option value="{escape(code)}"{chosen}>{name}</option>')
    return mark_safe("".join(options))  # noqa: S308 - every value escaped


@register.simple_tag
def route(viewname: str, **kwargs) -> str:
    """``{% url %}`` for the links every page's header and footer repeat (``fast_reverse``)."""
    return fast_reverse(viewname, **kwargs)


@register.simple_tag(takes_context=True)
def cart_quantity(context) -> int:
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return 0
    return int(request.session.get(CART_QUANTITY_SESSION_KEY, 0) or 0)


@register.filter
def sanitized(value):
    """Product descriptions are stored sanitized; clean again when shown, in case of old rows."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - nh3 output: allow-listed tags only
