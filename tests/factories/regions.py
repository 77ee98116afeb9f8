"""Regions come from the data migration: factories look them up by Kemendagri code."""

from marketplace.regions.models import District, Province, Regency

BALI, ACEH = "51", "11"
KLUNGKUNG, GIANYAR, DENPASAR = "51.05", "51.04", "51.71"
ACEH_TENGAH, BENER_MERIAH = "11.04", "11.17"
JAKARTA_SELATAN = "31.74"


def province(code: str = BALI) -> Province:
    return Province.objects.get(code=code)


def regency(code: str = KLUNGKUNG) -> Regency:
    return Regency.objects.get(code=code)


def district(regency_code: str = KLUNGKUNG) -> District:
    return District.objects.filter(regency_id=regency_code).order_by("code").first()
