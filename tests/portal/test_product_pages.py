from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.catalog.models import Category, Product, ProductStatus
from marketplace.curation.models import ProductRevision, RevisionKind, RevisionStatus
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.catalog_import import image_bytes


def _form(**changes):
    return {
        "name": "Tas Pandan Motif Bunga",
        "category": Category.objects.get(slug="anyaman").pk,
        "description": "Dianyam tangan oleh ibu-ibu UPPKS.",
        "price": 85000,
        "weight_g": 400,
        "stock": 6,
        "photo": SimpleUploadedFile("tas.jpg", image_bytes(), content_type="image/jpeg"),
        **changes,
    }


def test_a_new_product_goes_to_review_with_its_stock(portal, group_a):
    response = portal.post(reverse("portal:product_new"), _form())
    assert response["Location"] == reverse("portal:products")
    product = Product.objects.get(group=group_a)
    assert (product.name, product.status) == ("Tas Pandan Motif Bunga", ProductStatus.SUBMITTED)
    variant = product.variants.get()
    assert (variant.price, variant.weight_g) == (85000, 400)
    assert variant.stocks.get(group=group_a).quantity == 6


def test_a_new_product_with_errors_is_shown_again(portal, group_a):
    response = portal.post(reverse("portal:product_new"), _form(price=0, name=""))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"price", "name"}
    assert not Product.objects.exists()


def test_editing_a_published_product_keeps_it_live_until_approved(portal, group_a):
    product = ProductFactory(group=group_a, name="Tas Lama")
    ProductVariantFactory(product=product)
    response = portal.post(
        reverse("portal:product_edit", args=[product.pk]),
        {"name": "Tas Baru", "category": product.category_id, "description": product.description},
    )
    assert response["Location"] == reverse("portal:products")
    product.refresh_from_db()
    assert (product.name, product.status) == ("Tas Lama", ProductStatus.APPROVED)
    revision = ProductRevision.objects.get(product=product)
    assert (revision.kind, revision.status, revision.changes) == (
        RevisionKind.EDIT,
        RevisionStatus.PENDING,
        {"name": "Tas Baru"},
    )


def test_own_products_are_listed(portal, group_a):
    ProductFactory(group=group_a, name="Emping Melinjo")
    assert "Emping Melinjo" in portal.get(reverse("portal:products")).content.decode()
