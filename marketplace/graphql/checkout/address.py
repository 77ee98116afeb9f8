"""Saleor's AddressInput read as an Indonesian address (countryArea = province,
city = kabupaten/kota, cityArea = kecamatan), names or Kemendagri codes accepted."""

import graphene
from django.utils.translation import gettext as _

from marketplace.regions.lookup import RegionLookupError, find_province_code, find_regency_code
from marketplace.regions.models import District

from ..core.mutations import MutationError


class CountryCode(graphene.Enum):
    ID = "ID"


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    company_name = graphene.String(description="Company or organization.")
    street_address_1 = graphene.String(description="Street, house number, RT/RW.")
    street_address_2 = graphene.String(description="Desa / kelurahan and further details.")
    city = graphene.String(description="Kabupaten / kota (name or code, e.g. 51.05).")
    city_area = graphene.String(description="Kecamatan (name or code).")
    postal_code = graphene.String(description="Five-digit postal code.")
    country = CountryCode(description="Country (Indonesia only).")
    country_area = graphene.String(description="Province (name or code, e.g. Bali or 51).")
    phone = graphene.String(description="Phone number.")
    skip_validation = graphene.Boolean(default_value=False, description="Ignored.")


def address_dict(data: dict, *, field: str = "shippingAddress") -> dict:
    """The checkout service's address dict; region names resolved to their codes."""
    country = getattr(data.get("country"), "value", data.get("country"))
    if country not in (None, "ID"):
        raise MutationError(
            "INVALID", _("Only addresses in Indonesia are served."), field="country"
        )
    try:
        province_code = find_province_code(data["country_area"]) if data.get("country_area") else ""
        regency_code = (
            find_regency_code(data["city"], province_code or None) if data.get("city") else ""
        )
    except RegionLookupError as err:
        code = "REQUIRED" if err.code == "required" else "INVALID"
        raise MutationError(code, err.message, field=field)
    district_code = ""
    area = (data.get("city_area") or "").strip()
    if area and regency_code:
        district = (
            District.objects.filter(regency_id=regency_code).filter(code=area).first()
            or District.objects.filter(regency_id=regency_code, name__iexact=area).first()
        )
        if district is None:
            raise MutationError(
                "INVALID", _("Unknown kecamatan “%(name)s”.") % {"name": area}, field=field
            )
        district_code = district.code
    return {
        "first_name": data.get("first_name") or "",
        "last_name": data.get("last_name") or "",
        "phone": data.get("phone") or "",
        "street_address_1": data.get("street_address_1") or "",
        "street_address_2": data.get("street_address_2") or "",
        "village": "",
        "district_code": district_code,
        "regency_code": regency_code,
        "province_code": province_code,
        "postal_code": (data.get("postal_code") or "").strip(),
    }
