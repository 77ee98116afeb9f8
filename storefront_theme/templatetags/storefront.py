"""Template tags of the storefront: responsive product images and the header's cart count."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from marketplace.catalog.thumbnails import snap_size, thumbnail_url
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
