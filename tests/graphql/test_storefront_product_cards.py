"""Product cards as the storefront's lists ask for them: ProductList, ProductListPaginated and
SearchProducts (IDR prices, WEBP thumbnails, category, variant swatches from productVariants)."""

from tests.factories.graphql import storefront_product

from .storefront_catalog import PRODUCT_LIST, PRODUCT_LIST_PAGINATED, SEARCH_PRODUCTS

CHANNEL = {"channel": "default-channel", "languageCode": "EN"}


def test_product_list_card_has_prices_thumbnail_category_and_variant_options(api):
    product = storefront_product(prices=(25_000, 30_000))

    data = api.execute(PRODUCT_LIST, CHANNEL)

    card = data["products"]["edges"][0]["node"]
    assert card["slug"] == product.slug
    assert card["translation"] == {"name": "Propolis Soap", "slug": product.slug}
    assert card["pricing"]["priceRange"] == {
        "start": {"gross": {"amount": 25000.0, "currency": "IDR"}},
        "stop": {"gross": {"amount": 30000.0, "currency": "IDR"}},
    }
    assert card["pricing"]["priceRangeUndiscounted"] == card["pricing"]["priceRange"]
    assert card["category"]["slug"] == "anyaman"
    assert card["category"]["translation"] == {"name": "Woven Crafts", "slug": "anyaman"}
    assert card["category"]["backgroundImage"] is None
    assert card["thumbnail"]["url"].endswith("/1024.webp")
    assert card["thumbnail"]["alt"] == "Foto Sabun Propolis"
    assert card["bestseller"] is None
    assert card["pulseBestseller"] is None
    variants = card["productVariants"]
    assert variants["totalCount"] == 2
    assert [e["node"]["selectionAttributes"] for e in variants["edges"]] == [
        [
            {
                "attribute": {
                    "slug": "aroma",
                    "name": "Aroma",
                    "inputType": "DROPDOWN",
                    "translation": None,
                },
                "values": [
                    {
                        "name": aroma,
                        "slug": aroma.lower(),
                        "value": "",
                        "translation": None,
                        "file": None,
                    }
                ],
            }
        ]
        for aroma in ("Sereh", "Melati")
    ]


def test_product_list_paginated_pages_forward_with_cursors(api):
    newest_first = [storefront_product(name=f"Emping {i}") for i in range(3)][::-1]

    first = api.execute(PRODUCT_LIST_PAGINATED, {**CHANNEL, "first": 2})["products"]
    rest = api.execute(
        PRODUCT_LIST_PAGINATED, {**CHANNEL, "first": 2, "after": first["pageInfo"]["endCursor"]}
    )["products"]

    assert first["totalCount"] == 3
    assert [e["node"]["slug"] for e in first["edges"]] == [p.slug for p in newest_first[:2]]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    assert [e["node"]["slug"] for e in rest["edges"]] == [newest_first[2].slug]
    assert rest["pageInfo"]["hasNextPage"] is False
    assert rest["pageInfo"]["hasPreviousPage"] is True


def test_product_list_paginated_sorts_by_price_and_filters_by_category(api):
    cheap = storefront_product(name="Tas Kecil", prices=(40_000,))
    dear = storefront_product(name="Tas Besar", prices=(90_000,))
    storefront_product(name="Kopi Gayo", category_slug="kopi-teh")
    category_id = api.execute('{ category(slug: "anyaman") { id } }')["category"]["id"]

    data = api.execute(
        PRODUCT_LIST_PAGINATED,
        {
            **CHANNEL,
            "first": 10,
            "sortBy": {"field": "PRICE", "direction": "DESC"},
            "where": {"category": {"eq": category_id}},
        },
    )

    assert [e["node"]["slug"] for e in data["products"]["edges"]] == [dear.slug, cheap.slug]


def test_search_kopi_gayo_finds_the_gayo_coffee(api):
    coffee = storefront_product(
        name="Kopi Arabika Gayo", name_en="Gayo Arabica Coffee", category_slug="kopi-teh"
    )
    storefront_product(name="Kopi Robusta Lampung", category_slug="kopi-teh")
    bag = storefront_product(name="Tas Anyaman Pandan")

    data = api.execute(
        SEARCH_PRODUCTS,
        {**CHANNEL, "search": "kopi gayo", "sortBy": "RANK", "sortDirection": "DESC", "first": 12},
    )

    slugs = [e["node"]["slug"] for e in data["products"]["edges"]]
    assert slugs[0] == coffee.slug
    assert bag.slug not in slugs
    node = data["products"]["edges"][0]["node"]
    assert node["translation"]["name"] == "Gayo Arabica Coffee"
    assert node["pricing"]["priceRange"]["start"]["gross"]["currency"] == "IDR"
    assert node["productVariants"]["totalCount"] == 2


def test_variant_sample_page_size_is_bounded(api):
    storefront_product()

    response = api.post(
        '{ products(first: 1, channel: "default-channel") { edges { node {'
        " productVariants(first: 101) { totalCount } } } } }"
    )

    assert response.status_code == 400
    assert [e["extensions"]["exception"]["code"] for e in response.json()["errors"]] == [
        "PageSizeExceeded"
    ]
