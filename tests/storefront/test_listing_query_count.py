import pytest
from django.urls import reverse

from tests.factories.catalog import ProductMediaFactory, ProductVariantFactory, StockFactory
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 6  # count, products, photos, category and province choices, search categories


def make_products(count, **fields):
    for index in range(count):
        product = shop_product(name=f"Tas Anyaman {index}", **fields)
        extra = ProductVariantFactory(product=product, price=90_000 + index)
        StockFactory(variant=extra, quantity=5)
        ProductMediaFactory(product=product)


@pytest.mark.parametrize("count", [10, 100])
def test_listing_queries_do_not_grow_with_products_shown(
    client, settings, django_assert_max_num_queries, count
):
    settings.STOREFRONT_CACHE_SECONDS = 0
    make_products(count)
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(reverse("storefront:products"), {"sort": "popular"})
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == min(count, 24)


@pytest.mark.parametrize("count", [10, 100])
def test_category_search_and_province_listings_share_the_budget(
    client, settings, django_assert_max_num_queries, count
):
    settings.STOREFRONT_CACHE_SECONDS = 0
    make_products(count)
    pages = [
        (reverse("storefront:category", args=["anyaman"]), {"in_stock": "on", "sort": "price"}),
        (reverse("storefront:search"), {"q": "tas anyaman"}),
        (reverse("storefront:province", args=["51"]), {"min_price": "1000"}),
    ]
    for url, params in pages:
        with django_assert_max_num_queries(QUERY_BUDGET):
            response = client.get(url, params)
        assert response.status_code == 200
        assert response.content.decode().count('class="card"') == min(count, 24)
