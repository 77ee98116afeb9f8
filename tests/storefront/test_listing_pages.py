import re

import pytest
from django.urls import reverse

from marketplace.catalog.models import Stock
from tests.factories.groups import UppksGroupFactory
from tests.factories.orders import OrderFactory, OrderLineFactory
from tests.factories.regions import ACEH_TENGAH, regency
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db


def shown(response):
    """Product names on a listing, in order."""
    return re.findall(r'<span class="name">([^<]+)</span>', response.content.decode())


def test_home_shows_new_products_categories_and_provinces(client):
    shop_product(name="Tas Pandan")
    html = client.get(reverse("storefront:home")).content.decode()
    assert "Tas Pandan" in html
    assert 'href="/kategori/kerajinan/"' in html
    assert 'href="/provinsi/51/">Bali (1)' in html


def test_category_page_includes_subcategories(client):
    shop_product(name="Tas Pandan", category="anyaman")
    shop_product(name="Taplak Bordir", category="bordir")
    shop_product(name="Kopi Gayo", category="kopi-teh")
    response = client.get(reverse("storefront:category", args=["kerajinan"]))
    assert sorted(shown(response)) == ["Taplak Bordir", "Tas Pandan"]


def test_province_page_lists_only_groups_of_that_province(client):
    aceh_group = UppksGroupFactory(regency=regency(ACEH_TENGAH))
    shop_product(name="Kopi Gayo", category="kopi-teh", group=aceh_group)
    shop_product(name="Tas Pandan")
    response = client.get(reverse("storefront:province", args=["11"]))
    assert shown(response) == ["Kopi Gayo"]


def test_filters_price_range_and_in_stock(client):
    shop_product(name="Murah", price=20_000)
    shop_product(name="Sedang", price=60_000)
    shop_product(name="Mahal", price=300_000)
    sold_out = shop_product(name="Habis", price=50_000)
    Stock.objects.filter(variant__product=sold_out).update(quantity=0)
    response = client.get(
        reverse("storefront:products"),
        {"min_price": "30000", "max_price": "100000", "in_stock": "on", "sort": "price"},
    )
    assert shown(response) == ["Sedang"]


def test_sort_by_price_both_ways(client):
    for name, price in [("B", 50_000), ("A", 10_000), ("C", 90_000)]:
        shop_product(name=name, price=price)
    url = reverse("storefront:products")
    assert shown(client.get(url, {"sort": "price"})) == ["A", "B", "C"]
    assert shown(client.get(url, {"sort": "-price"})) == ["C", "B", "A"]


def test_sort_by_popularity_counts_units_sold(client):
    quiet = shop_product(name="Sepi")
    busy = shop_product(name="Laris")
    order = OrderFactory()
    OrderLineFactory(order=order, variant=busy.variants.get(), quantity=4)
    OrderLineFactory(order=order, variant=quiet.variants.get(), quantity=1)
    response = client.get(reverse("storefront:products"), {"sort": "popular"})
    assert shown(response) == ["Laris", "Sepi"]


def test_pages_of_24_with_links_keeping_the_filters(client):
    for index in range(30):
        shop_product(name=f"Tas {index:02d}")
    url = reverse("storefront:products")
    first = client.get(url, {"sort": "newest"})
    assert len(shown(first)) == 24
    assert 'href="?sort=newest&amp;page=2"' in first.content.decode()
    second = client.get(url, {"sort": "newest", "page": "2"})
    assert len(shown(second)) == 6


def test_invalid_filter_values_are_ignored(client):
    shop_product(name="Tas Pandan")
    response = client.get(
        reverse("storefront:products"),
        {"min_price": "murah", "category": "tidak-ada", "sort": "acak", "page": "x"},
    )
    assert response.status_code == 200
    assert shown(response) == ["Tas Pandan"]


def test_search_page_finds_typos(client):
    shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    shop_product(name="Kopi Robusta Lampung", category="kopi-teh")
    response = client.get(reverse("storefront:search"), {"q": "kopi gayoo"})
    assert shown(response) == ["Kopi Arabika Gayo"]
    assert "Hasil pencarian “kopi gayoo”" in response.content.decode()


def test_group_page_shows_story_location_and_only_its_products(client):
    group = UppksGroupFactory(name="UPPKS Melati", story="Berdiri sejak 2010.\nMembuat sabun.")
    shop_product(name="Sabun Melati", category="sabun", group=group)
    shop_product(name="Tas Lain")
    response = client.get(group.get_absolute_url())
    html = response.content.decode()
    assert shown(response) == ["Sabun Melati"]
    assert "<p>Berdiri sejak 2010.<br>Membuat sabun.</p>" in html
    assert "Kabupaten Klungkung, Bali" in html


def test_inactive_group_page_is_not_found(client):
    group = UppksGroupFactory(is_active=False)
    assert client.get(group.get_absolute_url()).status_code == 404


def test_unknown_category_is_not_found(client):
    assert client.get(reverse("storefront:category", args=["tidak-ada"])).status_code == 404


def test_group_filter_on_a_search_keeps_one_groups_products(client):
    mine = UppksGroupFactory(slug="uppks-melati")
    shop_product(name="Tas Pandan Melati", group=mine)
    shop_product(name="Tas Pandan Lain")
    response = client.get(
        reverse("storefront:search"), {"q": "tas pandan", "group": "uppks-melati"}
    )
    assert shown(response) == ["Tas Pandan Melati"]
    assert '<input type="hidden" name="group" value="uppks-melati"' in response.content.decode()
