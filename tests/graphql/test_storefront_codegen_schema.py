"""What Saleor's storefront needs of the live schema to generate its types and type-check.

Its codegen introspects /graphql/ with GraphQL.js's default introspection query (which leaves
deprecated arguments and input fields out), then `tsc` checks its own code against the types.
Each test here is a failure the real storefront hit in `pnpm run generate:all` or `tsc --noEmit`.
"""

from graphql import build_client_schema, get_introspection_query, parse, validate

from marketplace.checkout.models import Checkout
from tests.factories.checkout import CheckoutFactory, checkout_global_id
from tests.factories.graphql import storefront_product

from .checkout_flow import ADDRESS, SHIPPING_ADDRESS_UPDATE

# The shape of the storefront's promo-code mutations: the checkout named by `checkoutId`.
ADD_PROMO_CODE = """
mutation checkoutAddPromoCode($checkoutId: ID, $promoCode: String!) {
  checkoutAddPromoCode(checkoutId: $checkoutId, promoCode: $promoCode) {
    errors { field code message }
    checkout { id }
  }
}"""

REMOVE_PROMO_CODE = """
mutation checkoutRemovePromoCode($checkoutId: ID, $promoCode: String, $promoCodeId: ID) {
  checkoutRemovePromoCode(checkoutId: $checkoutId, promoCode: $promoCode,
                          promoCodeId: $promoCodeId) {
    errors { field code message }
    checkout { id }
  }
}"""

PRODUCTS_WHERE = """
query($where: ProductWhereInput) {
  products(first: 20, channel: "default-channel", where: $where) {
    edges { node { slug } }
  }
}"""

RULES = """
query($countryCode: CountryCode!) {
  addressValidationRules(countryCode: $countryCode) { countryCode countryAreaChoices { raw } }
}"""


def _codegen_schema(api):
    """The schema as the storefront's codegen sees it: the default introspection query."""
    return build_client_schema(api.execute(get_introspection_query(descriptions=True)))


def test_promo_code_mutations_with_checkout_id_validate_against_default_introspection(api):
    # when
    schema = _codegen_schema(api)
    # then
    assert validate(schema, parse(ADD_PROMO_CODE)) == []
    assert validate(schema, parse(REMOVE_PROMO_CODE)) == []


def test_promo_code_by_checkout_id_answers_saleors_invalid_code_and_changes_nothing(api):
    # given
    checkout = CheckoutFactory()
    before = Checkout.objects.filter(pk=checkout.pk).values().get()
    # when
    data = api.execute(
        ADD_PROMO_CODE, {"checkoutId": checkout_global_id(checkout), "promoCode": "DISKON10"}
    )
    # then
    assert data["checkoutAddPromoCode"]["errors"][0]["code"] == "INVALID"
    assert data["checkoutAddPromoCode"]["errors"][0]["field"] == "promoCode"
    assert Checkout.objects.filter(pk=checkout.pk).values().get() == before


def test_country_code_enum_names_every_country_the_storefront_lists(api):
    # when
    schema = _codegen_schema(api)
    # then
    codes = set(schema.get_type("CountryCode").values)
    assert {"ID", "US", "GB", "JP", "SG", "MY", "AX", "EU", "XK"} <= codes
    assert len(codes) == 251


def test_address_validation_rules_answer_null_outside_indonesia(api):
    # when
    elsewhere = api.execute(RULES, {"countryCode": "US"})["addressValidationRules"]
    indonesia = api.execute(RULES, {"countryCode": "ID"})["addressValidationRules"]
    # then
    assert elsewhere is None
    assert indonesia["countryCode"] == "ID"
    assert len(indonesia["countryAreaChoices"]) == 38


def test_a_shipping_address_outside_indonesia_is_refused_and_nothing_written(api):
    # given
    checkout = CheckoutFactory()
    before = Checkout.objects.filter(pk=checkout.pk).values().get()
    # when
    data = api.execute(
        SHIPPING_ADDRESS_UPDATE,
        {"id": checkout_global_id(checkout), "address": {**ADDRESS, "country": "US"}},
    )
    # then
    errors = data["checkoutShippingAddressUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("country", "INVALID")]
    assert Checkout.objects.filter(pk=checkout.pk).values().get() == before


def test_products_where_attributes_filter_by_variant_option_slugs(api):
    # given: Aroma Sereh and Melati variants, and a product of Aroma Sereh only
    both = storefront_product(name="Sabun Dua Aroma", prices=(25_000, 30_000))
    sereh = storefront_product(name="Sabun Sereh", prices=(20_000,))
    storefront_product(name="Lilin Tanpa Aroma", prices=(15_000,)).variants.update(options={})
    # when
    melati = api.execute(
        PRODUCTS_WHERE, {"where": {"attributes": [{"slug": "aroma", "values": ["melati"]}]}}
    )
    any_aroma = api.execute(PRODUCTS_WHERE, {"where": {"attributes": [{"slug": "aroma"}]}})
    either = api.execute(
        PRODUCTS_WHERE,
        {
            "where": {
                "OR": [
                    {"attributes": [{"slug": "aroma", "values": ["melati"]}]},
                    {"attributes": [{"slug": "ukuran", "values": ["besar"]}]},
                ]
            }
        },
    )

    # then
    def slugs(data):
        return sorted(edge["node"]["slug"] for edge in data["products"]["edges"])

    assert slugs(melati) == [both.slug]
    assert slugs(any_aroma) == sorted([both.slug, sereh.slug])
    assert slugs(either) == [both.slug]


def test_products_where_attribute_without_slug_is_refused(api):
    # when
    response = api.post(PRODUCTS_WHERE, {"where": {"attributes": [{"values": ["melati"]}]}})
    # then
    assert response.json()["errors"][0]["message"] == "Each attribute filter needs its slug."
    assert response.json()["data"]["products"] is None
