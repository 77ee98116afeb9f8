from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from marketplace.catalog.models import ProductStatus
from marketplace.catalog.thumbnails import make_thumbnail, snap_size, thumbnail_url
from tests.factories.catalog import ProductMediaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media():
    return ProductMediaFactory(
        image__width=800, image__height=600, image__format="JPEG", alt="Sabun"
    )


def image_of(response):
    return Image.open(BytesIO(b"".join(response.streaming_content)))


def test_sizes_snap_up_to_the_ladder_and_are_clamped():
    assert [snap_size(n) for n in (1, 32, 33, 200, 5000)] == [32, 32, 64, 256, 4096]


def test_webp_thumbnail_is_made_on_first_request(client, media):
    url = thumbnail_url(media, 200)
    assert url.endswith("/256.webp")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"]
    image = image_of(response)
    assert (image.format, image.size) == ("WEBP", (256, 256))


def test_jpeg_fallback_has_the_same_size(client, media):
    response = client.get(thumbnail_url(media, 128, "JPEG"))
    image = image_of(response)
    assert (response["Content-Type"], image.format, image.size) == (
        "image/jpeg",
        "JPEG",
        (128, 128),
    )


def test_second_request_reuses_the_stored_file(client, media):
    client.get(thumbnail_url(media, 64))
    name = make_thumbnail(media, 64, "WEBP")
    stamp = default_storage.get_modified_time(name)
    client.get(thumbnail_url(media, 64))
    assert default_storage.get_modified_time(name) == stamp


def test_small_photo_is_not_upscaled_but_padded_to_the_promised_size(client):
    media = ProductMediaFactory(image__width=40, image__height=40)
    image = image_of(client.get(thumbnail_url(media, 256)))
    assert image.size == (256, 256)


def test_size_outside_the_ladder_is_refused(client, media):
    url = thumbnail_url(media, 256).replace("/256.webp", "/250.webp")
    assert client.get(url).status_code == 404


def test_old_url_of_a_replaced_photo_is_not_found(client, media):
    url = thumbnail_url(media, 256)
    type(media).objects.filter(pk=media.pk).update(image="products/another.jpg")
    assert client.get(url).status_code == 404


def test_photo_of_an_unpublished_product_is_not_served(client, media):
    url = thumbnail_url(media, 256)
    media.product.status = ProductStatus.DRAFT
    media.product.save()
    assert client.get(url).status_code == 404


def test_media_without_a_stored_file_has_no_url():
    media = ProductMediaFactory.build(image=None, source_url="https://example.id/a.jpg")
    assert thumbnail_url(media, 256) == ""
