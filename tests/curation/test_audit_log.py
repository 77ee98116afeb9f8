"""Staff edits in the admin are written to the audit log, which staff read in their scope."""

import pytest
from django.urls import reverse

from marketplace.core.models import AuditEntry
from tests.factories.catalog import ProductVariantFactory, StockFactory

pytestmark = pytest.mark.django_db


def test_price_change_in_the_admin_is_audited(client, bali_curator, group):
    variant = ProductVariantFactory(product__group=group, price=85_000, sku="TAS-1")
    StockFactory(variant=variant, quantity=4)
    client.force_login(bali_curator)
    url = reverse("admin:catalog_productvariant_change", args=[variant.pk])
    stock = variant.stocks.get()

    response = client.post(
        url,
        {
            "product": variant.product_id,
            "sku": "TAS-1",
            "name": "",
            "options": '{"Ukuran": "Sedang"}',
            "price": 90_000,
            "weight_g": 400,
            "length_cm": 0,
            "width_cm": 0,
            "height_cm": 0,
            "sort_order": 0,
            "stocks-TOTAL_FORMS": 1,
            "stocks-INITIAL_FORMS": 1,
            "stocks-0-id": stock.pk,
            "stocks-0-variant": variant.pk,
            "stocks-0-group": group.pk,
            "stocks-0-quantity": 9,
        },
    )

    assert response.status_code == 302
    price = AuditEntry.objects.get(object_type="catalog.productvariant")
    assert (price.actor, price.action, price.changes) == (
        bali_curator,
        "admin_changed",
        {"price": [85_000, 90_000]},
    )
    assert price.province_code == "51"
    quantity = AuditEntry.objects.get(object_type="catalog.stock")
    assert quantity.changes == {"quantity": [4, 9]}
