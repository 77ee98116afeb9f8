"""A member of group A gets 404 for group B's fulfilments, stock and products, on every route,
whatever ids or form fields they send; group B's rows stay as they were."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.catalog.models import Category, Product, Stock
from marketplace.curation.models import ProductRevision
from marketplace.orders.models import Fulfillment, FulfillmentStatus
from tests.factories.catalog import StockFactory
from tests.factories.catalog_import import image_bytes
from tests.factories.orders import allocate_line


@pytest.mark.parametrize(
    ("route", "method", "data"),
    [
        ("portal:fulfillment", "get", {}),
        ("portal:accept", "post", {}),
        ("portal:reject", "post", {"reason": "bukan milik kami"}),
        ("portal:pack", "post", {}),
        ("portal:ship", "post", {"courier": "JNE", "tracking_number": "X"}),
    ],
)
def test_another_groups_fulfillment_is_not_found(portal, other_fulfillment, route, method, data):
    before = Fulfillment.objects.values().get(pk=other_fulfillment.pk)
    response = getattr(portal, method)(reverse(route, args=[other_fulfillment.pk]), data)
    assert response.status_code == 404
    assert Fulfillment.objects.values().get(pk=other_fulfillment.pk) == before


def test_another_groups_fulfillment_is_not_listed(portal, other_fulfillment, own_fulfillment):
    for tab in ("baru", "proses", "dikirim", "selesai"):
        listed = portal.get(reverse("portal:fulfillments"), {"tab": tab}).context["fulfillments"]
        assert other_fulfillment not in listed
    assert (
        f"#{other_fulfillment.order.number}"
        not in portal.get(reverse("portal:fulfillments")).content.decode()
    )


def test_a_fulfillment_of_a_shared_order_shows_only_the_groups_own_lines(
    portal, own_fulfillment, group_b
):
    other_stock = StockFactory(group=group_b, variant__product__group=group_b)
    theirs = Fulfillment.objects.create(order=own_fulfillment.order, group=group_b)
    allocate_line(theirs, other_stock, 1)
    page = portal.get(reverse("portal:fulfillment", args=[own_fulfillment.pk])).content.decode()
    assert other_stock.variant.sku not in page
    assert portal.get(reverse("portal:fulfillment", args=[theirs.pk])).status_code == 404


def test_another_groups_stock_cannot_be_changed(portal, other_stock):
    response = portal.post(reverse("portal:stock_update", args=[other_stock.pk]), {"quantity": 0})
    assert response.status_code == 404
    assert Stock.objects.get(pk=other_stock.pk).quantity == 7
    assert other_stock not in portal.get(reverse("portal:stock")).context["stocks"]


def test_form_fields_naming_another_group_are_ignored(portal, group_a, other_stock):
    own = StockFactory(group=group_a, variant__product__group=group_a, quantity=3)
    portal.post(
        reverse("portal:stock_update", args=[own.pk]),
        {"quantity": 9, "group_id": other_stock.group_id, "variant_id": other_stock.variant_id},
    )
    assert Stock.objects.get(pk=own.pk).quantity == 9
    assert Stock.objects.get(pk=other_stock.pk).quantity == 7


def test_another_groups_product_cannot_be_edited(portal, other_product):
    url = reverse("portal:product_edit", args=[other_product.pk])
    assert portal.get(url).status_code == 404
    response = portal.post(url, {"name": "Diambil alih", "category": other_product.category_id})
    assert response.status_code == 404
    assert Product.objects.get(pk=other_product.pk).name == "Kopi Kelompok B"
    assert not ProductRevision.objects.filter(product=other_product).exists()
    assert other_product not in portal.get(reverse("portal:products")).context["products"]


def test_a_new_product_always_belongs_to_the_members_group(portal, group_a, group_b):
    response = portal.post(
        reverse("portal:product_new"),
        {
            "name": "Sabun Sereh",
            "category": Category.objects.get(slug="anyaman").pk,
            "price": 25000,
            "weight_g": 100,
            "stock": 4,
            "photo": SimpleUploadedFile("sabun.jpg", image_bytes(), content_type="image/jpeg"),
            "group": group_b.pk,
            "group_id": group_b.pk,
        },
    )
    assert response.status_code == 302
    product = Product.objects.get(name="Sabun Sereh")
    assert product.group == group_a
    assert not group_b.products.exists()


def test_sales_count_only_the_groups_own_lines(portal, own_fulfillment, other_fulfillment):
    sales = portal.get(reverse("portal:sales")).context["sales"]
    assert sales.goods == own_fulfillment.lines.get().order_line.total_price
    assert other_fulfillment.status == FulfillmentStatus.NEW
