"""The storefront's product page."""

import json

from marketplace.catalog.models import ProductStatus
from tests.factories.graphql import storefront_product

from .queries import PRODUCT_DETAILS


def test_product_page_has_description_variants_and_producer(api):
    product = storefront_product(prices=(25_000, 30_000), stock=4)
    variants = list(product.variants.order_by("pk"))
    variants[1].stocks.update(quantity_allocated=4)

    data = api.execute(PRODUCT_DETAILS, {"slug": product.slug, "channel": "default-channel"})

    page = data["product"]
    assert page["name"] == "Sabun Propolis"
    assert json.loads(page["description"])["blocks"][0]["data"]["text"] == (
        "<p>Sabun <b>propolis</b> buatan tangan.</p>"
    )
    assert page["isAvailableForPurchase"] is True
    assert page["producer"] == {
        "name": product.group.name,
        "slug": product.group.slug,
        "region": {"province": "Bali", "regency": "Kabupaten Klungkung"},
        "story": "Kelompok ibu-ibu pembuat sabun.",
    }
    assert page["media"][0]["type"] == "IMAGE"
    assert page["media"][0]["url"].endswith("/512.jpg")
    assert [v["quantityAvailable"] for v in page["variants"]] == [4, 0]
    assert page["variants"][0]["assignedAttribute"] == {
        "attribute": {"slug": "aroma"},
        "value": {"name": "Sereh", "slug": "sereh"},
    }
    assert page["variants"][1]["pricing"]["price"]["gross"] == {
        "currency": "IDR",
        "amount": 30000.0,
    }
    assert page["pricing"]["priceRange"]["stop"]["gross"]["amount"] == 30000.0


def test_draft_product_page_is_null_for_the_public(api):
    product = storefront_product(status=ProductStatus.DRAFT)

    data = api.execute(PRODUCT_DETAILS, {"slug": product.slug, "channel": "default-channel"})

    assert data["product"] is None


def test_product_variant_by_sku(api):
    product = storefront_product(prices=(25_000,))
    variant = product.variants.get()

    data = api.execute(
        'query($sku: String!) { productVariant(sku: $sku, channel: "default-channel") '
        "{ sku name product { slug } } }",
        {"sku": variant.sku},
    )

    assert data["productVariant"] == {
        "sku": variant.sku,
        "name": "Sereh",
        "product": {"slug": product.slug},
    }


def test_collections_are_groups_with_their_products(api):
    product = storefront_product()
    group = product.group

    data = api.execute(
        """query($slug: String!) { collection(slug: $slug, channel: "default-channel") {
             name slug products(first: 5) { totalCount edges { node { slug } } } } }""",
        {"slug": group.slug},
    )

    assert data["collection"] == {
        "name": group.name,
        "slug": group.slug,
        "products": {"totalCount": 1, "edges": [{"node": {"slug": product.slug}}]},
    }
