"""Serving product thumbnails, made on first request (``catalog.thumbnails``)."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from marketplace.catalog.models import ProductMedia
from marketplace.catalog.thumbnails import (
    EXTENSIONS,
    FORMATS,
    SIZES,
    make_thumbnail,
    source_digest,
)
from marketplace.core.storage import STORAGE_ERRORS

YEAR = 365 * 24 * 3600


@require_safe
def thumbnail(request, media_id: int, digest: str, size: int, ext: str):
    if size not in SIZES or ext not in EXTENSIONS:
        raise Http404
    media = get_object_or_404(
        ProductMedia.objects.filter(product__status="approved", product__group__is_active=True),
        pk=media_id,
    )
    if not media.image or source_digest(media) != digest:
        raise Http404  # an old URL of a replaced photo
    fmt = EXTENSIONS[ext]
    try:
        name = make_thumbnail(media, size, fmt)
    except (OSError, ValueError):
        raise Http404
    except STORAGE_ERRORS:  # the bucket cannot be reached: try again later, cache nothing
        response = HttpResponse(status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    response = FileResponse(default_storage.open(name, "rb"), content_type=FORMATS[fmt][1])
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response
