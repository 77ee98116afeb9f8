"""Template tags of the storefront: responsive product images and the header's cart count."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from marketplace.catalog.thumbnails import snap_size, stored_thumbnail_url
from marketplace.core.money import format_rupiah
from marketplace.core.sanitize import sanitize_html

from ..cards import Photo, ProductCard

register = template.Library()

CART_QUANTITY_SESSION_KEY = "cart_quantity"


@register.simple_tag
def product_image(media, size, alt="", css_class="", eager=False):
    """A square thumbnail as ``<picture>``: WebP first, JPEG fallback, 1x/2x, width and height.

    ``media`` is a ``ProductMedia`` or a card's ``Photo``. With no stored photo (not fetched
    yet), an empty placeholder of the same size keeps the layout from jumping.
    """
    size = snap_size(int(size))
    photo = _photo(media)
    text = alt or (photo.alt if photo else "")
    if photo is None:
        return format_html(
            '<span class="ph {}" style="aspect-ratio:1" role="img" aria-label="{}"></span>',
            css_class,
            text,
        )
    double = snap_size(size * 2)
    webp, webp2, jpeg, jpeg2 = (
        stored_thumbnail_url(photo.pk, photo.name, width, fmt)
        for width, fmt in ((size, "WEBP"), (double, "WEBP"), (size, "JPEG"), (double, "JPEG"))
    )
    return format_html(
        '<picture><source type="image/webp" srcset="{} 1x, {} 2x">'
        '<img src="{}" srcset="{} 1x, {} 2x" width="{}" height="{}" alt="{}" class="{}"'
        ' loading="{}" decoding="async"></picture>',
        webp,
        webp2,
        jpeg,
        jpeg,
        jpeg2,
        size,
        size,
        text,
        css_class,
        "eager" if eager else "lazy",
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
    """One product card of a grid, written in Python: with an include per card, the template
    engine's per-variable work was the larger part of a listing."""
    name = card.display_name
    return format_html(
        '<li class="card">\n  <a href="{}">\n    {}\n    <span class="name">{}</span>\n  </a>\n'
        '  <span class="price">{}</span>\n  <span class="meta">{} · {}</span>\n  {}\n</li>\n',
        card.url,
        product_image(card.photo, CARD_IMAGE_SIZE, name),
        name,
        format_rupiah(card.min_price) if card.min_price else "",
        card.group_name,
        card.regency_short_name,
        ""
        if card.in_stock
        else format_html('<span class="out">{}</span>', gettext("Out of stock")),
    )


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
