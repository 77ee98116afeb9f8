"""S3 down while a photo or a proof is uploaded: a clear Indonesian error, nothing half-saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog_import.importer import ImportOptions, import_file
from marketplace.catalog.models import Category, Product, ProductMedia
from marketplace.payments.bank_transfer import start_bank_transfer, submit_proof
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import PaymentProof
from marketplace.regions.models import Regency
from tests.factories.catalog_import import (
    PRODUCT_HEADER,
    image_bytes,
    product_row,
    write_csv,
    write_zip,
)
from tests.factories.groups import UppksGroupFactory
from tests.fixtures.s3 import MEDIA_BUCKET, PROOF_BUCKET

pytestmark = pytest.mark.django_db


def _form():
    return {
        "name": "Tas Pandan Motif Bunga",
        "category": Category.objects.get(slug="anyaman").pk,
        "description": "Dianyam tangan oleh ibu-ibu UPPKS.",
        "price": 85000,
        "weight_g": 400,
        "stock": 6,
        "photo": SimpleUploadedFile("tas.jpg", image_bytes(), content_type="image/jpeg"),
    }


def test_portal_product_is_not_saved_while_s3_is_down_and_is_saved_once_it_is_back(
    portal, group_a, s3_storage
):
    s3_storage.stop()
    response = portal.post(reverse("portal:product_new"), _form())
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "photo": [
            "Foto tidak dapat disimpan saat ini, jadi tidak ada yang tersimpan. "
            "Silakan coba lagi beberapa menit lagi."
        ]
    }
    assert not Product.objects.exists()
    assert not ProductMedia.objects.exists()

    s3_storage.start()  # back (empty): the same form again succeeds, whole
    response = portal.post(reverse("portal:product_new"), _form())
    assert response["Location"] == reverse("portal:products")
    product = Product.objects.get(group=group_a)
    media = product.media.get()
    assert s3_storage.keys(MEDIA_BUCKET) == [media.image.name]
    assert product.variants.get().stocks.get(group=group_a).quantity == 6


def test_import_stops_cleanly_while_s3_is_down(s3_storage, tmp_path):
    UppksGroupFactory(code="UPPKS-KLK-01", regency=Regency.objects.get(code="51.05"))
    path = write_csv(
        tmp_path / "katalog.csv", [product_row(images="tas.jpg")], header=PRODUCT_HEADER
    )
    archive = write_zip(tmp_path / "gambar.zip", {"tas.jpg": image_bytes()})
    s3_storage.stop()
    report = import_file(str(path), "products", ImportOptions(images=str(archive)))
    assert report.error["code"] == "storage_unavailable"
    assert "Foto tidak dapat disimpan" in report.error["message"]
    assert not report.committed
    assert not Product.objects.exists()

    s3_storage.start()
    report = import_file(str(path), "products", ImportOptions(images=str(archive)))
    assert report.error is None and report.committed
    assert s3_storage.keys(MEDIA_BUCKET) == [Product.objects.get().media.get().image.name]


def test_proof_upload_while_s3_is_down_is_refused_and_nothing_is_written(s3_storage, bank_order):
    start_bank_transfer(bank_order.pk)
    s3_storage.stop()
    with pytest.raises(PaymentError) as refused:
        submit_proof(bank_order.pk, data=image_bytes())
    assert refused.value.code == PaymentErrorCode.STORAGE_UNAVAILABLE
    assert refused.value.message == (
        "Bukti transfer tidak dapat disimpan saat ini. Tidak ada yang tersimpan; silakan coba lagi."
    )
    assert not PaymentProof.objects.exists()
    s3_storage.start()
    proof = submit_proof(bank_order.pk, data=image_bytes())
    assert s3_storage.keys(PROOF_BUCKET) == [proof.file.name]
