"""The storefront's product list: translations, thumbnails, variant attributes, price ranges."""

import base64

from marketplace.catalog.models import ProductStatus
from tests.factories.graphql import storefront_product

from .queries import PRODUCT_LIST


def _gid(type_name, pk):
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def test_product_list_returns_prices_thumbnails_and_attributes(api):
    product = storefront_product(prices=(25_000, 30_000))
    variants = list(product.variants.order_by("pk"))

    data = api.execute(PRODUCT_LIST, {"first": 10, "channel": "default-channel", "locale": "EN"})

    products = data["products"]
    assert products["totalCount"] == 1
    assert products["pageInfo"]["hasNextPage"] is False
    node = products["edges"][0]["node"]
    assert node["id"] == _gid("Product", product.pk)
    assert node["name"] == "Sabun Propolis"
    assert node["translation"]["name"] == "Propolis Soap"
    assert node["category"]["name"] == "Anyaman"
    assert node["pricing"]["priceRange"] == {
        "start": {"gross": {"amount": 25000.0, "currency": "IDR"}},
        "stop": {"gross": {"amount": 30000.0, "currency": "IDR"}},
    }
    media = product.media.get()
    assert node["thumbnail"]["alt"] == "Foto Sabun Propolis"
    assert node["thumbnail"]["url"].startswith(f"http://testserver/gambar/{media.pk}/")
    assert node["thumbnail"]["url"].endswith("/1024.webp")
    assert [v["id"] for v in node["variants"]] == [_gid("ProductVariant", v.pk) for v in variants]
    assert node["variants"][0]["attributes"] == [
        {
            "attribute": {"id": _gid("Attribute", "aroma"), "slug": "aroma", "name": "Aroma"},
            "values": [
                {"id": _gid("AttributeValue", "aroma:sereh"), "name": "Sereh", "slug": "sereh"}
            ],
        }
    ]
    assert node["variants"][1]["attributes"][0]["values"][0]["name"] == "Melati"


def test_product_list_answers_indonesian_translation_from_the_base_fields(api):
    storefront_product()

    data = api.execute(PRODUCT_LIST, {"first": 10, "channel": "default-channel", "locale": "ID"})

    node = data["products"]["edges"][0]["node"]
    assert node["translation"]["name"] == "Sabun Propolis"
    assert node["category"]["translation"]["name"] == "Anyaman"


def test_product_list_hides_unpublished_products_and_inactive_groups(api):
    shown = storefront_product(name="Tampil")
    storefront_product(name="Draf", status=ProductStatus.DRAFT)
    hidden_group = storefront_product(name="Kelompok nonaktif")
    hidden_group.group.is_active = False
    hidden_group.group.save()

    data = api.execute(PRODUCT_LIST, {"first": 10, "channel": "default-channel", "locale": "ID"})

    assert [e["node"]["slug"] for e in data["products"]["edges"]] == [shown.slug]
    assert data["products"]["totalCount"] == 1


def test_product_list_pages_with_cursors(api):
    products = [storefront_product(name=f"Produk {i}") for i in range(3)]
    newest_first = [p.slug for p in reversed(products)]

    first = api.execute(PRODUCT_LIST, {"first": 2, "channel": "default-channel", "locale": "ID"})
    after = first["products"]["pageInfo"]["endCursor"]
    second = api.execute(
        PRODUCT_LIST, {"first": 2, "after": after, "channel": "default-channel", "locale": "ID"}
    )

    assert [e["node"]["slug"] for e in first["products"]["edges"]] == newest_first[:2]
    assert first["products"]["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["slug"] for e in second["products"]["edges"]] == newest_first[2:]
    assert second["products"]["pageInfo"]["hasNextPage"] is False
    assert second["products"]["totalCount"] == 3


def test_unknown_channel_is_an_error(api):
    storefront_product()

    response = api.post(PRODUCT_LIST, {"first": 10, "channel": "eu", "locale": "ID"})

    content = response.json()
    assert content["data"]["products"] is None
    assert content["errors"][0]["message"] == "Channel with 'eu' slug does not exist."
