"""Resized product images, made on first request and kept in the media storage.

``thumbnail_url(media, size, fmt="WEBP")`` returns the URL of a square thumbnail of ``size``
pixels (snapped up to the next step of ``SIZES`` so a client cannot ask for thousands of
variants). The storefront view behind the URL makes the file the first time (``make_thumbnail``)
and serves it with a year-long cache: the URL carries a digest of the source file's name, so a
new photo gets a new URL.
Thumbnails are square (cropped to the centre), so templates know ``width`` and ``height`` without
opening the file.
"""

import hashlib
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from marketplace.core.urls_fast import route_format

from .models import ProductMedia

SIZES = (32, 64, 96, 128, 160, 192, 256, 320, 384, 480, 512, 640, 768, 960, 1024, 1280, 1536,
         2048, 3072, 4096)  # fmt: skip
FORMATS = {"WEBP": ("webp", "image/webp"), "JPEG": ("jpg", "image/jpeg")}
EXTENSIONS = {ext: fmt for fmt, (ext, _content_type) in FORMATS.items()}
QUALITY = 80


def snap_size(size: int) -> int:
    """The smallest step of ``SIZES`` at least ``size`` (clamped to 32 … 4096)."""
    for step in SIZES:
        if size <= step:
            return step
    return SIZES[-1]


def source_digest(media: ProductMedia) -> str:
    return name_digest(media.image.name)


def name_digest(image_name: str) -> str:
    return hashlib.sha256(image_name.encode()).hexdigest()[:12]


def thumbnail_url(media: ProductMedia, size: int, fmt: str = "WEBP") -> str:
    """URL of ``media`` resized to a ``size``-pixel square; "" when the photo is not stored yet."""
    if not media.image:
        return ""
    return stored_thumbnail_url(media.pk, media.image.name, size, fmt)


def stored_thumbnail_url(media_id: int, image_name: str, size: int, fmt: str = "WEBP") -> str:
    """The same URL from a photo's id and storage name (a product card reads no model)."""
    return stored_thumbnail_urls(media_id, image_name, [(size, fmt)])[0]


def stored_thumbnail_urls(
    media_id: int, image_name: str, wanted: list[tuple[int, str]]
) -> list[str]:
    """Several sizes and formats of one photo (a ``<picture>`` lists five) at the cost of one."""
    for _size, fmt in wanted:
        if fmt.upper() not in FORMATS:
            raise ValueError(f"unsupported thumbnail format {fmt!r}")
    if not image_name:
        return ["" for _wanted in wanted]
    pattern = route_format("storefront:thumbnail", "media_id", "digest", "size", "ext")
    digest = name_digest(image_name)
    return [
        pattern.format(
            media_id=int(media_id),
            digest=digest,
            size=snap_size(int(size)),
            ext=FORMATS[fmt.upper()][0],
        )
        for size, fmt in wanted
    ]


def thumbnail_path(media: ProductMedia, size: int, fmt: str) -> str:
    return f"thumbnails/{media.pk}/{source_digest(media)}-{size}.{FORMATS[fmt][0]}"


def make_thumbnail(media: ProductMedia, size: int, fmt: str = "WEBP") -> str:
    """Storage name of the thumbnail, written now if it does not exist yet."""
    size, fmt = snap_size(size), fmt.upper()
    name = thumbnail_path(media, size, fmt)
    if default_storage.exists(name):
        return name
    with media.image.open("rb") as source, Image.open(source) as image:
        image = ImageOps.exif_transpose(image)
        side = min(size, *image.size)  # never upscale a small photo
        thumb = ImageOps.fit(image, (side, side), Image.Resampling.LANCZOS)
        if side < size:
            canvas = Image.new("RGB", (size, size), (255, 255, 255))
            canvas.paste(thumb.convert("RGB"), ((size - side) // 2, (size - side) // 2))
            thumb = canvas
        output = BytesIO()
        if fmt == "JPEG" or thumb.mode not in ("RGB", "RGBA"):
            thumb = thumb.convert("RGB")
        thumb.save(output, format=fmt, quality=QUALITY, optimize=fmt == "JPEG")
    saved = default_storage.save(name, ContentFile(output.getvalue()))
    if saved != name:  # another request made it at the same time: keep one copy
        default_storage.delete(saved)
    return name
