"""Fetching product images given as URLs in a spreadsheet: after the import, never during it."""

import logging
from urllib.parse import urlparse

import requests
from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError

from marketplace.catalog import services as catalog_services
from marketplace.catalog.models import ProductMedia

logger = logging.getLogger(__name__)


class FetchError(Exception):
    pass


def download(url: str) -> bytes:
    """GET the URL, at most MAX_IMAGE_UPLOAD_BYTES + 1 bytes; FetchError on a refusal."""
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    with requests.get(
        url, stream=True, timeout=settings.IMPORT_FETCH_TIMEOUT_SECONDS, allow_redirects=True
    ) as response:
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code}")
        chunks, size = [], 0
        for chunk in response.iter_content(65536):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                break
    return b"".join(chunks)


@shared_task(bind=True, max_retries=4)
def fetch_product_image(self, media_id: int) -> None:
    """Download a pending product image; safe to run twice (a stored image is left alone)."""
    media = ProductMedia.objects.filter(pk=media_id).only("image", "source_url").first()
    if media is None or media.image or not media.source_url:
        return
    try:
        data = download(media.source_url)
    except requests.RequestException as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries)
    except FetchError as exc:
        logger.warning("image %s not fetched from %s: %s", media_id, media.source_url, exc)
        return
    name = urlparse(media.source_url).path.rsplit("/", 1)[-1] or "gambar.jpg"
    try:
        catalog_services.attach_fetched_image(media_id, content=data, filename=name)
    except ValidationError as exc:
        logger.warning("image %s from %s refused: %s", media_id, media.source_url, exc.messages)
