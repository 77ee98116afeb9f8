"""No N+1: a page of 100 products costs the same number of SQL queries as a page of 10."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.graphql import storefront_product

from .queries import PRODUCT_LIST

STOREFRONT_LIST_WITH_AVAILABILITY = """
query($first: Int!) {
  products(first: $first, channel: "default-channel") {
    totalCount
    edges { node {
      id name slug isAvailable
      translation(languageCode: EN) { name }
      thumbnail(size: 256, format: WEBP) { url alt }
      pricing { priceRange { start { gross { amount currency } } stop { gross { amount } } } }
      category { name }
      producer { name region { province regency } }
      variants { id name quantityAvailable attributes { attribute { slug } values { name } } }
    } }
  }
}
"""


@pytest.fixture
def hundred_products(db):
    return [storefront_product(name=f"Produk {i}", prices=(20_000 + i, 30_000)) for i in range(100)]


def _count(api, query, variables) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        data = api.execute(query, variables)
    return len(queries.captured_queries), data


def test_product_list_query_count_does_not_grow_with_the_page(api, hundred_products):
    variables = {"channel": "default-channel", "locale": "EN"}

    ten, small = _count(api, PRODUCT_LIST, {**variables, "first": 10})
    hundred, large = _count(api, PRODUCT_LIST, {**variables, "first": 100})

    assert len(small["products"]["edges"]) == 10
    assert len(large["products"]["edges"]) == 100
    assert all(len(e["node"]["variants"]) == 2 for e in large["products"]["edges"])
    assert ten == hundred
    assert hundred <= 10


def test_availability_and_producer_fields_are_batched_too(api, hundred_products):
    ten, _ = _count(api, STOREFRONT_LIST_WITH_AVAILABILITY, {"first": 10})
    hundred, large = _count(api, STOREFRONT_LIST_WITH_AVAILABILITY, {"first": 100})

    assert all(e["node"]["isAvailable"] for e in large["products"]["edges"])
    assert {e["node"]["producer"]["region"]["province"] for e in large["products"]["edges"]} == {
        "Bali"
    }
    assert ten == hundred
    assert hundred <= 10
