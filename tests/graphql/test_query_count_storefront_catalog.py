"""No N+1 in the storefront's catalog documents: productVariants pages, product facts and
variant attributes come from the batched loaders, so 100 products cost what 10 cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.graphql import storefront_product

from .storefront_catalog import (
    MENU_GET_BY_SLUG,
    PRODUCT_DETAILS,
    PRODUCT_LIST_BY_CATEGORY,
    PRODUCT_LIST_PAGINATED,
    PRODUCT_VARIANTS_FOR_PDP,
)

CHANNEL = {"channel": "default-channel", "languageCode": "EN"}

FACTS_ON_A_LIST = """
query($first: Int!) {
  products(first: $first, channel: "default-channel") {
    edges { node {
      assignedAttributes(limit: 10) {
        attribute { slug name }
        ... on AssignedPlainTextAttribute { value }
      }
      attributes { attribute { slug } values { name plainText } }
    } }
  }
}
"""


@pytest.fixture
def hundred_products(db):
    return [
        storefront_product(name=f"Kopi {i}", prices=(20_000 + i, 30_000), permit_number=f"P-{i}")
        for i in range(100)
    ]


def _count(api, query, variables) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        data = api.execute(query, variables)
    return len(queries.captured_queries), data


def test_product_cards_with_variant_samples_cost_the_same_for_10_and_100(api, hundred_products):
    ten, small = _count(api, PRODUCT_LIST_PAGINATED, {**CHANNEL, "first": 10})
    hundred, large = _count(api, PRODUCT_LIST_PAGINATED, {**CHANNEL, "first": 100})

    assert len(small["products"]["edges"]) == 10
    assert len(large["products"]["edges"]) == 100
    assert {e["node"]["productVariants"]["totalCount"] for e in large["products"]["edges"]} == {2}
    assert ten == hundred
    assert hundred == 5  # products, count, variants, categories, media


def test_category_page_costs_the_same_for_10_and_100(api, hundred_products):
    variables = {**CHANNEL, "slug": "anyaman"}

    ten, _ = _count(api, PRODUCT_LIST_BY_CATEGORY, {**variables, "first": 10})
    hundred, large = _count(api, PRODUCT_LIST_BY_CATEGORY, {**variables, "first": 100})

    assert len(large["category"]["products"]["edges"]) == 100
    assert ten == hundred
    assert hundred == 6  # the category, then as the list


def test_product_facts_on_a_list_are_batched(api, hundred_products):
    ten, _ = _count(api, FACTS_ON_A_LIST, {"first": 10})
    hundred, large = _count(api, FACTS_ON_A_LIST, {"first": 100})

    node = large["products"]["edges"][0]["node"]
    assert [a["attribute"]["slug"] for a in node["assignedAttributes"]] == ["izin-edar", "asal"]
    assert [a["attribute"]["slug"] for a in node["attributes"]] == ["izin-edar", "asal"]
    assert ten == hundred
    assert hundred == 2  # products, their groups


def test_product_page_and_its_variant_page_are_a_handful_of_queries(api):
    product = storefront_product(prices=tuple(20_000 + i for i in range(30)))

    details, page = _count(api, PRODUCT_DETAILS, {**CHANNEL, "slug": product.slug})
    variants, picker = _count(
        api, PRODUCT_VARIANTS_FOR_PDP, {**CHANNEL, "slug": product.slug, "first": 30}
    )

    assert page["product"]["productVariants"] == {"totalCount": 30}
    assert len(picker["product"]["productVariants"]["edges"]) == 30
    assert details == 6  # product, variants, media, category, group, stock
    assert variants == 4  # product, variants, stock, media


def test_menus_are_one_or_two_queries(api):
    navbar, _ = _count(api, MENU_GET_BY_SLUG, {**CHANNEL, "slug": "navbar"})
    footer, _ = _count(api, MENU_GET_BY_SLUG, {**CHANNEL, "slug": "footer"})

    assert navbar == 1
    assert footer == 2
