from django.urls import reverse

from marketplace.catalog.models import Stock
from tests.factories.catalog import StockFactory


def test_stock_levels_are_listed_and_updated(portal, group_a):
    stock = StockFactory(group=group_a, variant__product__group=group_a, quantity=3)
    page = portal.get(reverse("portal:stock")).content.decode()
    assert stock.variant.sku in page
    response = portal.post(
        reverse("portal:stock_update", args=[stock.pk]), {"quantity": 12}, follow=True
    )
    assert Stock.objects.get(pk=stock.pk).quantity == 12
    assert f"Stok {stock.variant.sku} disimpan." in response.content.decode()


def test_stock_below_what_orders_reserved_is_refused(portal, own_fulfillment):
    stock = own_fulfillment.lines.get().stock
    response = portal.post(
        reverse("portal:stock_update", args=[stock.pk]), {"quantity": 1}, follow=True
    )
    assert Stock.objects.get(pk=stock.pk).quantity == 10
    assert response.status_code == 200
    assert "pesanan" in response.content.decode()


def test_a_negative_quantity_is_refused(portal, group_a):
    stock = StockFactory(group=group_a, variant__product__group=group_a, quantity=3)
    portal.post(reverse("portal:stock_update", args=[stock.pk]), {"quantity": -2})
    assert Stock.objects.get(pk=stock.pk).quantity == 3
