"""addressValidationRules drives Saleor's address form; what the form sends back is accepted."""

from marketplace.checkout.models import Checkout
from marketplace.regions.models import District, Province, Regency
from tests.factories.checkout import checkout_global_id
from tests.factories.graphql import storefront_product
from tests.factories.regions import BALI, KLUNGKUNG

from .checkout_flow import ADDRESS, SHIPPING_ADDRESS_UPDATE

RULES = """
query($countryArea: String, $city: String) {
  addressValidationRules(countryCode: ID, countryArea: $countryArea, city: $city) {
    countryCode countryName addressFormat allowedFields requiredFields upperFields
    countryAreaType countryAreaChoices { raw verbose }
    cityType cityChoices { raw verbose }
    cityAreaType cityAreaChoices { raw verbose }
    postalCodeType postalCodeMatchers postalCodeExamples postalCodePrefix
  }
}"""


def test_provinces_are_the_country_area_choices_and_nothing_below_without_a_province(api):
    rules = api.execute(RULES)["addressValidationRules"]

    names = sorted(Province.objects.values_list("name", flat=True))
    assert [c["raw"] for c in rules["countryAreaChoices"]] == names
    assert all(c["raw"] == c["verbose"] for c in rules["countryAreaChoices"])
    assert len(names) == 38
    assert rules["cityChoices"] == []
    assert rules["cityAreaChoices"] == []
    assert rules["countryCode"] == "ID"
    assert rules["postalCodeMatchers"] == [r"^\d{5}$"]
    required = ["name", "streetAddress1", "city", "countryArea", "postalCode"]
    assert rules["requiredFields"] == required
    assert "cityArea" in rules["allowedFields"]


def test_city_choices_follow_the_province_and_city_area_choices_the_kabupaten(api):
    bali = api.execute(RULES, {"countryArea": "Bali"})["addressValidationRules"]
    klungkung = api.execute(RULES, {"countryArea": "Bali", "city": "Kabupaten Klungkung"})[
        "addressValidationRules"
    ]

    assert [c["raw"] for c in bali["cityChoices"]] == sorted(
        Regency.objects.filter(province_id=BALI).values_list("name", flat=True)
    )
    assert len(bali["cityChoices"]) == 9
    assert bali["cityAreaChoices"] == []
    assert [c["raw"] for c in klungkung["cityAreaChoices"]] == sorted(
        District.objects.filter(regency_id=KLUNGKUNG).values_list("name", flat=True)
    )


def test_an_unknown_province_gives_no_city_choices_and_no_error(api):
    rules = api.execute(RULES, {"countryArea": "Atlantis", "city": "Kota Atlantis"})[
        "addressValidationRules"
    ]

    assert rules["cityChoices"] == []
    assert rules["cityAreaChoices"] == []


def test_the_choices_the_form_sends_back_map_to_province_regency_and_district(api):
    product = storefront_product(prices=(25_000,))
    checkout = Checkout.objects.create(email="putu@example.id")
    checkout.lines.create(variant=product.variants.get(), quantity=1)
    rules = api.execute(RULES, {"countryArea": "Bali", "city": "Kabupaten Klungkung"})[
        "addressValidationRules"
    ]
    kecamatan = rules["cityAreaChoices"][0]["raw"]

    result = api.execute(
        SHIPPING_ADDRESS_UPDATE,
        {
            "id": checkout_global_id(checkout),
            "address": {**ADDRESS, "cityArea": kecamatan},
            "rules": {"checkRequiredFields": False},
        },
    )["checkoutShippingAddressUpdate"]

    checkout.refresh_from_db()
    assert result["errors"] == []
    assert (checkout.province_id, checkout.regency_id) == (BALI, KLUNGKUNG)
    assert checkout.district == District.objects.get(regency_id=KLUNGKUNG, name=kecamatan)
    assert result["checkout"]["shippingAddress"] == {
        "city": "Kabupaten Klungkung",
        "cityArea": kecamatan,
        "countryArea": "Bali",
        "postalCode": "80711",
        "country": {"code": "ID"},
    }


def test_a_postal_code_breaking_the_rule_is_refused_and_changes_nothing(api):
    checkout = Checkout.objects.create(email="putu@example.id")

    result = api.execute(
        SHIPPING_ADDRESS_UPDATE,
        {"id": checkout_global_id(checkout), "address": {**ADDRESS, "postalCode": "8071"}},
    )["checkoutShippingAddressUpdate"]

    checkout.refresh_from_db()
    assert [(e["code"], e["field"]) for e in result["errors"]] == [("INVALID", "postalCode")]
    assert checkout.regency_id is None
    assert checkout.postal_code == ""
