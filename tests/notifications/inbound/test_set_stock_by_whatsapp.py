"""STOK through the webhook sets the group's stock with the portal's service and rules."""

from django.test import Client
from django.urls import reverse

from marketplace.catalog.models import Stock
from tests.factories.catalog import StockFactory
from tests.factories.groups import UppksGroupFactory

from .conftest import audit_trail, local_number, replies


def test_stock_is_set_as_the_portal_sets_it(gateway, ketua, melati):
    mine = StockFactory(group=melati, variant__product__group=melati, variant__sku="SBN-01")
    twin = StockFactory(group=melati, variant__product__group=melati, quantity=mine.quantity)
    portal = Client()
    portal.force_login(ketua)
    portal.post(reverse("portal:stock_update", args=[twin.pk]), {"quantity": 25})

    response = gateway.post("stok #sbn-01 25", sender=local_number(ketua))

    assert response.json()["outcome"] == "applied"
    mine.refresh_from_db()
    twin.refresh_from_db()
    assert mine.quantity == twin.quantity == 25
    assert audit_trail(mine) == [("stock_set", ketua.pk, {"quantity": [10, 25]})]
    assert audit_trail(twin) == [("stock_set", ketua.pk, {"quantity": [10, 25]})]
    assert replies()[0].context["reply"] == "Stok SBN-01 di UPPKS Melati sekarang 25."


def test_stock_below_what_orders_reserved_is_refused(gateway, ketua, melati):
    stock = StockFactory(
        group=melati, variant__product__group=melati, variant__sku="SBN-02", quantity=10
    )
    Stock.objects.filter(pk=stock.pk).update(quantity_allocated=4)

    response = gateway.post("STOK SBN-02 3", sender=local_number(ketua))

    assert response.json()["outcome"] == "refused"
    stock.refresh_from_db()
    assert stock.quantity == 10
    assert audit_trail(stock) == []
    assert replies()[0].context["reply"].startswith("4 barang sudah dipesan")


def test_another_groups_sku_is_not_the_members_to_set(gateway, ketua):
    other = UppksGroupFactory()
    stock = StockFactory(group=other, variant__product__group=other, variant__sku="KOPI-9")

    response = gateway.post("STOK KOPI-9 0", sender=local_number(ketua))

    assert response.json()["outcome"] == "refused"
    stock.refresh_from_db()
    assert stock.quantity == 10
    assert audit_trail(stock) == []
    assert replies()[0].context["reply"] == (
        "SKU KOPI-9 tidak ada di stok kelompok Anda. Periksa SKU di pemberitahuan pesanan.\n"
        "Kirim BANTUAN untuk daftar perintah."
    )
