"""Photos, thumbnails and payment proofs on S3-compatible storage (a local moto_server)."""

from io import BytesIO

import pytest
import requests
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from marketplace.catalog.models import ProductStatus
from marketplace.catalog.services import add_product_image
from marketplace.catalog.thumbnails import thumbnail_path, thumbnail_url
from marketplace.payments.bank_transfer import start_bank_transfer, submit_proof
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import PaymentProof
from marketplace.payments.storage import proof_storage
from tests.factories.catalog import ProductFactory
from tests.factories.catalog_import import image_bytes
from tests.fixtures.s3 import MEDIA_BUCKET, PROOF_BUCKET

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return ProductFactory(status=ProductStatus.APPROVED)


def test_an_uploaded_photo_lands_in_the_media_bucket(s3_storage, product):
    photo = image_bytes(400, 300)
    media, created = add_product_image(product.pk, filename="Sabun Sereh.JPG", content=photo)
    assert created
    key = media.image.name
    assert key.startswith(f"products/{product.group.code.lower()}/{product.pk}-sabun-sereh")
    assert s3_storage.keys(MEDIA_BUCKET) == [key]
    stored = s3_storage.client().get_object(Bucket=MEDIA_BUCKET, Key=key)
    assert stored["Body"].read() == photo
    # the public URL of a photo is readable without credentials
    assert media.image.url.startswith(f"{s3_storage.url}/{MEDIA_BUCKET}/")
    public = requests.get(media.image.url, timeout=10)
    assert (public.status_code, public.content) == (200, photo)


def test_a_thumbnail_is_made_on_first_request_and_kept_in_the_bucket(client, s3_storage, product):
    media, _created = add_product_image(
        product.pk, filename="kopi.jpg", content=image_bytes(800, 600)
    )
    url = thumbnail_url(media, 256)
    assert thumbnail_path(media, 256, "WEBP") not in s3_storage.keys(MEDIA_BUCKET)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    image = Image.open(BytesIO(body))
    assert (image.format, image.size) == ("WEBP", (256, 256))
    assert thumbnail_path(media, 256, "WEBP") in s3_storage.keys(MEDIA_BUCKET)
    stored = s3_storage.client().get_object(
        Bucket=MEDIA_BUCKET, Key=thumbnail_path(media, 256, "WEBP")
    )
    assert stored["Body"].read() == body
    # a second request (any web server) serves the stored file, not a new one
    again = client.get(url)
    assert b"".join(again.streaming_content) == body
    assert s3_storage.keys(MEDIA_BUCKET).count(thumbnail_path(media, 256, "WEBP")) == 1


@pytest.fixture
def s3_proof(s3_storage, bank_order):
    start_bank_transfer(bank_order.pk)
    return submit_proof(bank_order.pk, data=image_bytes(), sender_name="Ni Luh")


def test_a_proof_lands_in_the_private_bucket_and_is_not_publicly_readable(s3_storage, s3_proof):
    key = s3_proof.file.name
    assert s3_storage.keys(PROOF_BUCKET) == [key]
    assert s3_storage.keys(MEDIA_BUCKET) == []
    body = s3_storage.client().get_object(Bucket=PROOF_BUCKET, Key=key)["Body"].read()
    assert body == image_bytes()
    unsigned = requests.get(f"{s3_storage.url}/{PROOF_BUCKET}/{key}", timeout=10)
    assert unsigned.status_code == 403
    assert body not in unsigned.content


def test_staff_in_scope_are_sent_to_a_short_lived_signed_url(
    client, s3_storage, s3_proof, bali_curator, aceh_curator, settings
):
    settings.PROOF_URL_EXPIRE_SECONDS = 120
    url = reverse(
        "admin:payments_transactionitem_proof", args=[s3_proof.transaction_id, s3_proof.pk]
    )
    client.force_login(aceh_curator)
    assert client.get(url).status_code == 404  # another province: no URL at all
    client.force_login(bali_curator)
    response = client.get(url)
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    signed = response["Location"]
    assert signed.startswith(f"{s3_storage.url}/{PROOF_BUCKET}/{s3_proof.file.name}?")
    assert "X-Amz-Expires=120&" in signed and "X-Amz-Signature=" in signed
    fetched = requests.get(signed, timeout=10)
    assert fetched.status_code == 200
    assert fetched.content == image_bytes()
    assert fetched.headers["Content-Type"] == "image/jpeg"
    number = s3_proof.transaction.order.number
    assert fetched.headers["Content-Disposition"] == (
        f'inline; filename="bukti-{number}-{s3_proof.pk}.jpeg"'
    )


def test_a_refused_proof_leaves_no_file_in_the_bucket(s3_storage, bank_order):
    with pytest.raises(PaymentError) as refused:
        submit_proof(bank_order.pk, data=image_bytes())  # no transfer started: not payable
    assert refused.value.code == PaymentErrorCode.NOT_PAYABLE
    assert not PaymentProof.objects.exists()
    assert s3_storage.keys(PROOF_BUCKET) == []


def test_proofs_without_a_bucket_stay_in_the_private_folder(bank_order, settings):
    start_bank_transfer(bank_order.pk)
    proof = submit_proof(bank_order.pk, data=image_bytes())
    assert proof.file.path.startswith(str(settings.PAYMENT_PROOF_ROOT))
    assert (
        proof_storage.signed_url(proof.file.name, filename="x.jpg", content_type="image/jpeg")
        is None
    )
    assert not default_storage.exists(proof.file.name)
