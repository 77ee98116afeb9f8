"""Template tags of the storefront: responsive product images and the header's cart count."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from marketplace.catalog.thumbnails import snap_size, thumbnail_url
from marketplace.core.money import format_rupiah
from marketplace.core.sanitize import sanitize_html

register = template.Library()

CART_QUANTITY_SESSION_KEY = "cart_quantity"


@register.simple_tag
def product_image(media, size, alt="", css_class="", eager=False):
    """A square thumbnail as ``<picture>``: WebP first, JPEG fallback, 1x/2x, width and height.

    With no stored photo (not fetched yet), an empty placeholder of the same size keeps the
    layout from jumping.
    """
    size = snap_size(int(size))
    text = alt or (getattr(media, "alt", "") if media else "")
    if media is None or not getattr(media, "image", None):
        return format_html(
            '<span class="ph {}" style="aspect-ratio:1" role="img" aria-label="{}"></span>',
            css_class,
            text,
        )
    double = snap_size(size * 2)
    return format_html(
        '<picture><source type="image/webp" srcset="{} 1x, {} 2x">'
        '<img src="{}" srcset="{} 1x, {} 2x" width="{}" height="{}" alt="{}" class="{}"'
        ' loading="{}" decoding="async"></picture>',
        thumbnail_url(media, size, "WEBP"),
        thumbnail_url(media, double, "WEBP"),
        thumbnail_url(media, size, "JPEG"),
        thumbnail_url(media, size, "JPEG"),
        thumbnail_url(media, double, "JPEG"),
        size,
        size,
        text,
        css_class,
        "eager" if eager else "lazy",
    )


CARD_IMAGE_SIZE = 192


@register.simple_tag
def product_card(product):
    """One product card of a grid (a ``card_queryset`` row), written in Python: with an include
    per card, the template engine's per-variable work was the larger part of a listing."""
    name = product.display_name
    return format_html(
        '<li class="card">\n  <a href="{}">\n    {}\n    <span class="name">{}</span>\n  </a>\n'
        '  <span class="price">{}</span>\n  <span class="meta">{} · {}</span>\n  {}\n</li>\n',
        product.get_absolute_url(),
        product_image(first_item(product.media.all()), CARD_IMAGE_SIZE, name),
        name,
        format_rupiah(product.min_price) if product.min_price else "",
        product.group.name,
        product.group.regency.short_name,
        ""
        if product.in_stock
        else format_html('<span class="out">{}</span>', gettext("Out of stock")),
    )


@register.filter
def first_item(items):
    """The first of a prefetched relation (``product.media.all|first_item``) without a query."""
    for item in items:
        return item
    return None


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
