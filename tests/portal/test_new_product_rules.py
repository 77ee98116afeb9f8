"""A new product is refused in the portal when staff could not approve it; it needs a photo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.catalog.models import Category, Product, ProductMedia, ProductStatus
from tests.factories.catalog_import import image_bytes

PERMIT_ERROR = "Nomor izin edar P-IRT atau BPOM wajib diisi."
HALAL_ERROR = "Makanan dan minuman wajib memiliki nomor sertifikat halal"


def _photo(content: bytes | None = None, name: str = "keripik.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes() if content is None else content, "image/jpeg")


def _snack(**changes):
    return {
        "name": "Keripik Pisang Manis",
        "category": Category.objects.get(slug="camilan").pk,
        "description": "Pisang kepok dari kebun anggota.",
        "price": 15000,
        "weight_g": 250,
        "stock": 10,
        "permit_number": "P-IRT 2065107010001-27",
        "halal_number": "ID51110000123450923",
        "photo": _photo(),
        **changes,
    }


def test_the_form_shows_which_numbers_each_category_needs(portal):
    html = portal.get(reverse("portal:product_new")).content.decode()

    assert "Camilan — wajib izin P-IRT/BPOM dan nomor halal</option>" in html
    assert "Kerajinan › Anyaman</option>" in html
    assert 'enctype="multipart/form-data"' in html


def test_a_snack_without_permit_and_halal_numbers_is_refused(portal, group_a):
    response = portal.post(reverse("portal:product_new"), _snack(permit_number="", halal_number=""))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"permit_number", "halal_number"}
    assert errors["permit_number"] == [PERMIT_ERROR]
    assert errors["halal_number"][0].startswith(HALAL_ERROR)
    assert PERMIT_ERROR in response.content.decode()
    assert not Product.objects.exists()
    assert not ProductMedia.objects.exists()


def test_a_snack_labelled_not_halal_with_a_permit_goes_to_review(portal, group_a):
    response = portal.post(
        reverse("portal:product_new"), _snack(halal_number="", is_not_halal="on")
    )

    assert response["Location"] == reverse("portal:products")
    product = Product.objects.get(group=group_a)
    assert (product.status, product.is_not_halal) == (ProductStatus.SUBMITTED, True)
    assert product.publication_problems() == []


def test_the_photo_is_stored_with_the_new_product(portal, group_a):
    portal.post(reverse("portal:product_new"), _snack())

    media = Product.objects.get(group=group_a).media.get()
    assert media.image.name.startswith(f"products/{group_a.code.lower()}/")
    assert media.image.read() == image_bytes()
    assert (media.alt, media.source_url) == ("Keripik Pisang Manis", "")


def test_a_file_that_is_not_an_image_is_refused(portal, group_a):
    response = portal.post(
        reverse("portal:product_new"), _snack(photo=_photo(b"<html>not a photo</html>"))
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == ["Berkas ini bukan gambar yang sah."]
    assert not Product.objects.exists()


@pytest.mark.parametrize("missing", [None, ""])
def test_a_new_product_needs_a_photo(portal, group_a, missing):
    form = _snack()
    del form["photo"]
    if missing is not None:
        form["photo"] = missing

    response = portal.post(reverse("portal:product_new"), form)

    assert set(response.context["form"].errors) == {"photo"}
    assert not Product.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(portal, group_a, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1_000

    response = portal.post(
        reverse("portal:product_new"), _snack(photo=_photo(image_bytes(400, 400, "PNG")))
    )

    assert response.context["form"].errors["photo"][0].startswith("Gambar terlalu besar")
    assert not Product.objects.exists()
