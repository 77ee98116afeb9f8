"""The storefront's product page: ProductDetails (spec list from assignedAttributes, slugs per
language), and its variant picker's ProductVariantsForPdp / ProductVariantForPdp."""

import json

from tests.factories.catalog import ProductVariantFactory, StockFactory
from tests.factories.graphql import storefront_product

from .storefront_catalog import (
    PRODUCT_DETAILS,
    PRODUCT_VARIANT_FOR_PDP,
    PRODUCT_VARIANTS_FOR_PDP,
)

CHANNEL = {"channel": "default-channel", "languageCode": "EN"}


def _coffee(**fields):
    return storefront_product(
        name="Kopi Arabika Gayo",
        name_en="Gayo Arabica Coffee",
        category_slug="kopi-teh",
        permit_number="P-IRT 2061101010123-28",
        halal_number="ID11110000123450224",
        **fields,
    )


def test_product_details_for_the_product_page(api):
    coffee = _coffee()

    data = api.execute(PRODUCT_DETAILS, {**CHANNEL, "slug": coffee.slug})

    page = data["product"]
    assert page["name"] == "Kopi Arabika Gayo"
    assert page["isAvailable"] is True
    assert page["translation"]["name"] == "Gayo Arabica Coffee"
    assert json.loads(page["translation"]["description"])["blocks"][0]["data"]["text"] == (
        "<p>Handmade <b>propolis</b> soap.</p>"
    )
    assert page["slugEN"] == {"slug": coffee.slug}
    assert page["slugJA"] is None
    assert page["thumbnail"]["url"].endswith("/2048.webp")
    assert [(m["type"], m["url"].rsplit("/", 1)[-1]) for m in page["media"]] == [
        ("IMAGE", "2048.webp")
    ]
    assert page["category"]["translation"] == {"name": "Coffee & Tea", "slug": "kopi-teh"}
    assert page["productType"] == {"slug": "kopi-teh"}
    assert page["productVariants"] == {"totalCount": 2}
    assert page["bestseller"] is None
    assert page["pricing"]["priceRange"]["start"]["gross"] == {"amount": 25000.0, "currency": "IDR"}


def test_product_details_spec_list_has_permit_halal_and_origin(api):
    coffee = _coffee()

    data = api.execute(PRODUCT_DETAILS, {**CHANNEL, "slug": coffee.slug}, HTTP_ACCEPT_LANGUAGE="id")

    assert data["product"]["assignedAttributes"] == [
        {
            "attribute": {
                "name": "Nomor izin (P-IRT / BPOM)",
                "slug": "izin-edar",
                "translation": {"name": "Permit number (P-IRT / BPOM)"},
            },
            "plainText": "P-IRT 2061101010123-28",
            "plainTextTranslation": None,
        },
        {
            "attribute": {
                "name": "Sertifikat halal",
                "slug": "sertifikat-halal",
                "translation": {"name": "Halal certificate"},
            },
            "plainText": "ID11110000123450224",
            "plainTextTranslation": None,
        },
        {
            "attribute": {
                "name": "Dibuat di",
                "slug": "asal",
                "translation": {"name": "Made in"},
            },
            "plainText": "Kabupaten Klungkung, Bali",
            "plainTextTranslation": None,
        },
    ]


def test_food_labelled_not_halal_says_so_in_both_languages(api):
    pork = storefront_product(
        name="Sosis Babi", category_slug="olahan-ikan", permit_number="P-IRT 1", is_not_halal=True
    )

    data = api.execute(
        'query($slug: String!) { product(slug: $slug, channel: "default-channel") {'
        ' assignedAttribute(slug: "sertifikat-halal") { attribute { slug }'
        " ... on AssignedPlainTextAttribute { value en: translation(languageCode: EN)"
        " id: translation(languageCode: ID) } } } }",
        {"slug": pork.slug},
        HTTP_ACCEPT_LANGUAGE="id",
    )

    assert data["product"]["assignedAttribute"] == {
        "attribute": {"slug": "sertifikat-halal"},
        "value": "Tidak halal",
        "en": "Not halal",
        "id": "Tidak halal",
    }


def test_product_by_translated_slug(api):
    coffee = _coffee()

    english = api.execute(
        PRODUCT_DETAILS, {**CHANNEL, "slug": coffee.slug, "slugLanguageCode": "EN"}
    )
    korean = api.execute(
        PRODUCT_DETAILS, {**CHANNEL, "slug": coffee.slug, "slugLanguageCode": "KO"}
    )

    assert english["product"]["slug"] == coffee.slug
    assert korean == {"product": None}


def test_variant_picker_pages_through_the_variants(api):
    product = storefront_product(prices=(25_000, 30_000, 35_000), stock=3)
    variants = list(product.variants.order_by("sort_order", "pk"))
    variants[2].stocks.update(quantity_allocated=3)

    first = api.execute(PRODUCT_VARIANTS_FOR_PDP, {**CHANNEL, "slug": product.slug, "first": 2})
    after = first["product"]["productVariants"]["pageInfo"]["endCursor"]
    rest = api.execute(
        PRODUCT_VARIANTS_FOR_PDP, {**CHANNEL, "slug": product.slug, "first": 2, "after": after}
    )

    page = first["product"]["productVariants"]
    assert page["totalCount"] == 3
    assert page["pageInfo"]["hasNextPage"] is True
    node = page["edges"][0]["node"]
    assert node["sku"] == variants[0].sku
    assert node["name"] == "Sereh"
    assert node["quantityAvailable"] == 3
    assert node["translation"] == {"name": "Sereh"}
    assert node["selectionAttributes"] == [
        {
            "values": [
                {
                    "name": "Sereh",
                    "slug": "sereh",
                    "value": "",
                    "translation": None,
                    "file": None,
                }
            ],
            "attribute": {
                "name": "Aroma",
                "slug": "aroma",
                "inputType": "DROPDOWN",
                "translation": None,
            },
        }
    ]
    assert node["nonSelectionAttributes"] == []
    assert node["media"][0]["url"].endswith("/2048.webp")
    assert node["pricing"] == {
        "price": {"gross": {"currency": "IDR", "amount": 25000.0}},
        "priceUndiscounted": {"gross": {"currency": "IDR", "amount": 25000.0}},
    }
    tail = rest["product"]["productVariants"]
    assert [e["node"]["sku"] for e in tail["edges"]] == [variants[2].sku]
    assert tail["edges"][0]["node"]["quantityAvailable"] == 0
    assert tail["pageInfo"]["hasNextPage"] is False


def test_variant_deep_link_by_id_and_by_sku(api):
    product = storefront_product(prices=(25_000, 30_000))
    second = product.variants.order_by("sort_order", "pk")[1]
    ids = api.execute(PRODUCT_VARIANTS_FOR_PDP, {**CHANNEL, "slug": product.slug, "first": 5})
    second_id = ids["product"]["productVariants"]["edges"][1]["node"]["id"]

    by_id = api.execute(PRODUCT_VARIANT_FOR_PDP, {**CHANNEL, "id": second_id})
    by_sku = api.execute(PRODUCT_VARIANT_FOR_PDP, {**CHANNEL, "sku": second.sku})

    assert by_id == by_sku
    assert by_id["productVariant"]["sku"] == second.sku
    assert by_id["productVariant"]["product"]["slug"] == product.slug
    assert by_id["productVariant"]["pricing"]["price"]["gross"]["amount"] == 30000.0


def test_variant_deep_link_needs_exactly_one_key(api):
    response = api.post(PRODUCT_VARIANT_FOR_PDP, CHANNEL)

    content = response.json()
    assert content["data"] == {"productVariant": None}
    assert [e["message"] for e in content["errors"]] == [
        "Provide exactly one of 'id' or 'sku' to look up a variant."
    ]


def test_a_variant_with_several_options_lists_each_as_a_selection_attribute(api):
    product = storefront_product(prices=(25_000,))
    variant = ProductVariantFactory(product=product, options={"Ukuran": "Besar", "Warna": "Hijau"})
    StockFactory(variant=variant)

    data = api.execute(PRODUCT_VARIANT_FOR_PDP, {**CHANNEL, "sku": variant.sku})

    assert sorted(
        (a["attribute"]["slug"], [v["slug"] for v in a["values"]])
        for a in data["productVariant"]["selectionAttributes"]
    ) == [("ukuran", ["besar"]), ("warna", ["hijau"])]


def test_assigned_attributes_limit_is_a_positive_int(api):
    coffee = _coffee()
    query = (
        'query($slug: String!) { product(slug: $slug, channel: "default-channel") {'
        " assignedAttributes(limit: %s) { attribute { slug } } } }"
    )

    one = api.execute(query % "1", {"slug": coffee.slug})
    zero = api.post(query % "0", {"slug": coffee.slug})

    assert one["product"]["assignedAttributes"] == [{"attribute": {"slug": "izin-edar"}}]
    assert zero.status_code == 400
    assert [e["message"] for e in zero.json()["errors"]] == [
        "Expected value of type 'PositiveInt', found 0."
    ]
