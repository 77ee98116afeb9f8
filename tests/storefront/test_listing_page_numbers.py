"""Pages of a listing: the count, the last page, and page numbers people type or edit.

A newest-first listing counts from an index and reads one page of ids; a search, a price sort
or a stock filter finds its page and its count in one pass. Both must number pages the same.
"""

import re

import pytest
from django.urls import reverse

from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db


def shown(response):
    return re.findall(r'<span class="name">([^<]+)</span>', response.content.decode())


def counted(response):
    return re.search(r'<p class="count">(\d+) produk</p>', response.content.decode())[1]


@pytest.fixture
def thirty_bags():
    """Tas 00 (oldest, cheapest) … Tas 29 (newest, dearest)."""
    return [shop_product(name=f"Tas {index:02d}", price=10_000 + index) for index in range(30)]


NEWEST = [f"Tas {index:02d}" for index in range(29, -1, -1)]
CHEAPEST = [f"Tas {index:02d}" for index in range(30)]
LISTINGS = [
    pytest.param("storefront:products", {"sort": "newest"}, NEWEST, id="newest-from-the-index"),
    pytest.param("storefront:products", {"sort": "price"}, CHEAPEST, id="price-in-one-pass"),
    pytest.param("storefront:search", {"q": "tas"}, NEWEST, id="search-in-one-pass"),
]


@pytest.mark.parametrize(("route", "params", "order"), LISTINGS)
def test_two_pages_hold_every_product_once_with_the_full_count(
    client, thirty_bags, route, params, order
):
    first = client.get(reverse(route), params)
    second = client.get(reverse(route), {**params, "page": "2"})

    assert shown(first) == order[:24]
    assert shown(second) == order[24:]
    assert counted(first) == counted(second) == "30"
    assert "Halaman 2 dari 2" in second.content.decode()


@pytest.mark.parametrize(("route", "params", "order"), LISTINGS)
def test_a_page_past_the_end_shows_the_last_page(client, thirty_bags, route, params, order):
    response = client.get(reverse(route), {**params, "page": "9"})

    assert response.status_code == 200
    assert shown(response) == order[24:]
    assert counted(response) == "30"


@pytest.mark.parametrize("page", ["0", "-3", "dua", ""])
@pytest.mark.parametrize(("route", "params", "order"), LISTINGS)
def test_a_page_number_that_is_no_page_shows_the_first(
    client, thirty_bags, route, params, order, page
):
    response = client.get(reverse(route), {**params, "page": page})

    assert response.status_code == 200
    assert shown(response) == order[:24]


@pytest.mark.parametrize(
    ("route", "params"),
    [
        pytest.param("storefront:search", {"q": "sepatu"}, id="search-finding-nothing"),
        pytest.param("storefront:products", {"in_stock": "on"}, id="all-sold-out"),
        pytest.param("storefront:category", {}, id="category-without-products"),
    ],
)
def test_an_empty_listing_on_a_later_page_says_nothing_is_there(client, route, params):
    shop_product(name="Tas Habis", quantity=0)
    args = ["bordir"] if route == "storefront:category" else []

    response = client.get(reverse(route, args=args), {**params, "page": "3"})

    assert response.status_code == 200
    assert shown(response) == []
    assert counted(response) == "0"
