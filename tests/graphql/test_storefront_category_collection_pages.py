"""Category and collection pages as the storefront asks for them (ProductListByCategory,
ProductListByCollection): the object, its translations and slugs per language, its products."""

import json

from marketplace.catalog.models import ProductStatus
from tests.factories.graphql import storefront_product
from tests.factories.groups import UppksGroupFactory

from .storefront_catalog import PRODUCT_LIST_BY_CATEGORY, PRODUCT_LIST_BY_COLLECTION

CHANNEL = {"channel": "default-channel", "languageCode": "EN"}


def test_category_page_lists_its_products_and_those_of_its_subcategories(api):
    coffee = storefront_product(name="Kopi Gayo", category_slug="kopi-teh")
    chips = storefront_product(name="Emping Melinjo", category_slug="camilan")
    storefront_product(name="Tas Pandan")

    data = api.execute(
        PRODUCT_LIST_BY_CATEGORY, {**CHANNEL, "slug": "makanan-minuman", "first": 12}
    )

    category = data["category"]
    assert category["name"] == "Makanan & Minuman"
    assert category["translation"]["name"] == "Food & Beverages"
    assert category["translation"]["slug"] == "makanan-minuman"
    assert category["slugEN"] == {"slug": "makanan-minuman"}
    assert category["slugPL"] is None  # no Polish catalog here
    assert category["backgroundImage"] is None
    products = category["products"]
    assert products["totalCount"] == 2
    assert {e["node"]["slug"] for e in products["edges"]} == {coffee.slug, chips.slug}
    assert products["pageInfo"]["hasNextPage"] is False


def test_category_page_sorts_and_filters_its_products(api):
    cheap = storefront_product(name="Kopi Murah", prices=(20_000,), category_slug="kopi-teh")
    dear = storefront_product(name="Kopi Mahal", prices=(80_000,), category_slug="kopi-teh")
    storefront_product(name="Kopi Habis", prices=(50_000,), stock=0, category_slug="kopi-teh")

    data = api.execute(
        PRODUCT_LIST_BY_CATEGORY,
        {
            **CHANNEL,
            "slug": "kopi-teh",
            "first": 12,
            "sortBy": {"field": "PRICE", "direction": "ASC"},
            "filter": {"stockAvailability": "IN_STOCK"},
        },
    )

    edges = data["category"]["products"]["edges"]
    assert [e["node"]["slug"] for e in edges] == [cheap.slug, dear.slug]


def test_category_by_translated_slug(api):
    found = api.execute(
        PRODUCT_LIST_BY_CATEGORY,
        {**CHANNEL, "slug": "kopi-teh", "slugLanguageCode": "EN", "first": 1},
    )
    polish = api.execute(
        PRODUCT_LIST_BY_CATEGORY,
        {**CHANNEL, "slug": "kopi-teh", "slugLanguageCode": "PL", "first": 1},
    )

    assert found["category"]["slug"] == "kopi-teh"
    assert polish == {"category": None}


def test_collection_page_is_a_groups_products(api):
    group = UppksGroupFactory(name="UPPKS Melati", story="Kami menganyam.\n\nSejak 1998.")
    woven = storefront_product(name="Tas Pandan", group=group)
    storefront_product(name="Tas Draf", group=group, status=ProductStatus.DRAFT)
    storefront_product(name="Sabun Lain")

    data = api.execute(PRODUCT_LIST_BY_COLLECTION, {**CHANNEL, "slug": group.slug, "first": 12})

    collection = data["collection"]
    assert collection["name"] == "UPPKS Melati"
    assert collection["seoTitle"] == "UPPKS Melati"
    assert [b["data"]["text"] for b in json.loads(collection["description"])["blocks"]] == [
        "Kami menganyam.",
        "Sejak 1998.",
    ]
    assert collection["translation"] is None
    assert collection["slugEN"] is None
    assert [e["node"]["slug"] for e in collection["products"]["edges"]] == [woven.slug]
    assert collection["products"]["totalCount"] == 1


def test_collection_by_slug_in_another_language_is_null(api):
    group = UppksGroupFactory()

    data = api.execute(
        PRODUCT_LIST_BY_COLLECTION,
        {**CHANNEL, "slug": group.slug, "slugLanguageCode": "DE", "first": 1},
    )

    assert data == {"collection": None}


def test_unknown_channel_is_refused(api):
    response = api.post(PRODUCT_LIST_BY_COLLECTION, {**CHANNEL, "channel": "eu", "slug": "x"})

    assert [e["extensions"]["exception"]["code"] for e in response.json()["errors"]] == [
        "NOT_FOUND"
    ]
