"""Image URLs for the API: originals and resized thumbnails (catalog.thumbnails), absolute."""

from marketplace.catalog.models import ProductMedia
from marketplace.catalog.thumbnails import thumbnail_url

from ..core.enums import ThumbnailFormatEnum

DEFAULT_THUMBNAIL_SIZE = 256


def _format(fmt) -> str:
    """Saleor's ORIGINAL / AVIF / WEBP as the formats thumbnails are made in."""
    value = getattr(fmt, "value", fmt)
    if value in (None, ThumbnailFormatEnum.ORIGINAL.value):
        return "JPEG"
    return "WEBP"


def absolute(info, url: str) -> str:
    return info.context.build_absolute_uri(url) if url.startswith("/") else url


def original_url(info, media: ProductMedia) -> str:
    if media.image:
        return absolute(info, media.image.url)
    return media.source_url


def media_url(info, media: ProductMedia, *, size: int | None, fmt=None) -> str:
    """The original when no size is asked for, else a thumbnail of that size."""
    if not size or not media.image:
        return original_url(info, media)
    return absolute(info, thumbnail_url(media, size, _format(fmt)))


def image_of(info, media: ProductMedia | None, *, size: int | None, fmt=None) -> dict | None:
    if media is None or not (media.image or media.source_url):
        return None
    return {"url": media_url(info, media, size=size, fmt=fmt), "alt": media.alt}
