"""``addressValidationRules(countryCode: ID)``: Indonesia's address form from the region data.

Saleor's shape with Indonesian meanings: ``countryAreaChoices`` are the provinces,
``cityChoices`` the kabupaten/kota of the chosen ``countryArea``, ``cityAreaChoices`` the
kecamatan of the chosen ``city``. Each choice's ``raw`` is the name ``AddressInput`` accepts
back (and ``Address`` answers), so a form built from these rules round-trips unchanged.
"""

import graphene

from marketplace.regions.lookup import RegionLookupError, find_province_code, find_regency_code
from marketplace.regions.models import District, Province, Regency

from .address import CountryCode

ADDRESS_FORMAT = "%N%n%O%n%A%n%D%n%C%n%S %Z"
ALLOWED_FIELDS = [
    "name",
    "companyName",
    "streetAddress1",
    "streetAddress2",
    "city",
    "cityArea",
    "countryArea",
    "postalCode",
]
REQUIRED_FIELDS = ["name", "streetAddress1", "city", "countryArea", "postalCode"]
POSTAL_CODE_MATCHER = r"^\d{5}$"


class ChoiceValue(graphene.ObjectType):
    raw = graphene.String()
    verbose = graphene.String()


class AddressValidationData(graphene.ObjectType):
    country_code = graphene.String(required=True)
    country_name = graphene.String(required=True)
    address_format = graphene.String(required=True)
    address_latin_format = graphene.String(required=True)
    allowed_fields = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    required_fields = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    upper_fields = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    country_area_type = graphene.String(required=True)
    country_area_choices = graphene.NonNull(graphene.List(graphene.NonNull(ChoiceValue)))
    city_type = graphene.String(required=True)
    city_choices = graphene.NonNull(graphene.List(graphene.NonNull(ChoiceValue)))
    city_area_type = graphene.String(required=True)
    city_area_choices = graphene.NonNull(graphene.List(graphene.NonNull(ChoiceValue)))
    postal_code_type = graphene.String(required=True)
    postal_code_matchers = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    postal_code_examples = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    postal_code_prefix = graphene.String(required=True)

    class Meta:
        description = (
            "Indonesian address rules: provinces (countryArea), kabupaten/kota of the chosen "
            "province (city), kecamatan of the chosen kabupaten/kota (cityArea), "
            "5-digit postal code."
        )


def _choices(names) -> list[dict]:
    return [{"raw": name, "verbose": name} for name in names]


def _resolve(text, finder, *args) -> str:
    """A region code from what a form sent, or "" when it names nothing (no choices then)."""
    if not (text or "").strip():
        return ""
    try:
        return finder(text, *args)
    except RegionLookupError:
        return ""


def address_validation_rules(country_area=None, city=None) -> dict:
    """Three queries at most: provinces, the province's regencies, the regency's districts."""
    province_code = _resolve(country_area, find_province_code)
    regency_code = _resolve(city, find_regency_code, province_code or None) if province_code else ""
    regencies = (
        Regency.objects.filter(province_id=province_code)
        .order_by("name")
        .values_list("name", flat=True)
        if province_code
        else []
    )
    districts = (
        District.objects.filter(regency_id=regency_code)
        .order_by("name")
        .values_list("name", flat=True)
        if regency_code
        else []
    )
    return {
        "country_code": "ID",
        "country_name": "Indonesia",
        "address_format": ADDRESS_FORMAT,
        "address_latin_format": ADDRESS_FORMAT,
        "allowed_fields": ALLOWED_FIELDS,
        "required_fields": REQUIRED_FIELDS,
        "upper_fields": [],
        "country_area_type": "province",
        "country_area_choices": _choices(
            Province.objects.order_by("name").values_list("name", flat=True)
        ),
        "city_type": "city",
        "city_choices": _choices(regencies),
        "city_area_type": "district",
        "city_area_choices": _choices(districts),
        "postal_code_type": "postal",
        "postal_code_matchers": [POSTAL_CODE_MATCHER],
        "postal_code_examples": ["80711", "10110"],
        "postal_code_prefix": "",
    }


class AddressRulesQueries(graphene.ObjectType):
    address_validation_rules = graphene.Field(
        AddressValidationData,
        country_code=graphene.Argument(
            CountryCode, required=True, description="Two-letter ISO code."
        ),
        country_area=graphene.String(description="Province; fills cityChoices."),
        city=graphene.String(description="Kabupaten/kota of that province; fills cityAreaChoices."),
        city_area=graphene.String(description="Kecamatan (accepted, no further choices)."),
        description="Address form rules for Indonesia.",
    )

    @staticmethod
    def resolve_address_validation_rules(
        root, info, country_code, country_area=None, city=None, city_area=None
    ):
        if getattr(country_code, "value", country_code) != "ID":
            return None
        return address_validation_rules(country_area=country_area, city=city)
