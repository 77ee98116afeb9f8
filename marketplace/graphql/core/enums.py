"""Enums shared by every domain, with Saleor's names."""

import graphene
from django.utils import translation

from .error_codes import (
    ACCOUNTERRORCODE_VALUES,
    ADDRESSTYPEENUM_VALUES,
    CHECKOUTERRORCODE_VALUES,
    ORDERERRORCODE_VALUES,
    PRODUCTERRORCODE_VALUES,
    STOCKERRORCODE_VALUES,
)
from .language_codes import LANGUAGE_CODES


def _enum(name: str, values, description: str):
    return graphene.Enum(
        name, [(value, value.lower()) for value in values], description=description
    )


CheckoutErrorCode = _enum("CheckoutErrorCode", CHECKOUTERRORCODE_VALUES, "Checkout error codes.")
ProductErrorCode = _enum("ProductErrorCode", PRODUCTERRORCODE_VALUES, "Product error codes.")
AccountErrorCode = _enum("AccountErrorCode", ACCOUNTERRORCODE_VALUES, "Account error codes.")
OrderErrorCode = _enum("OrderErrorCode", ORDERERRORCODE_VALUES, "Order error codes.")
StockErrorCode = _enum("StockErrorCode", STOCKERRORCODE_VALUES, "Stock error codes.")
AddressTypeEnum = _enum("AddressTypeEnum", ADDRESSTYPEENUM_VALUES, "Address types.")
LanguageCodeEnum = graphene.Enum(
    "LanguageCodeEnum",
    [(code, code.replace("_", "-").lower()) for code in LANGUAGE_CODES],
    description="Language codes (Saleor's list).",
)


class ThumbnailFormatEnum(graphene.Enum):
    ORIGINAL = "original"
    AVIF = "avif"
    WEBP = "webp"


class OrderDirection(graphene.Enum):
    ASC = "asc"
    DESC = "desc"


class WeightUnitsEnum(graphene.Enum):
    G = "g"
    LB = "lb"
    OZ = "oz"
    KG = "kg"
    TONNE = "tonne"


def language_of(code) -> str:
    """``en`` for any English locale code (``EN``, ``EN_US``), else ``id``."""
    value = getattr(code, "value", code) or ""
    return "en" if str(value).lower().startswith("en") else "id"


def known_language(code) -> str | None:
    """``id`` or ``en`` for the two languages the catalog is written in, else None."""
    value = str(getattr(code, "value", code) or "").lower()
    for language in ("id", "en"):
        if value == language or value[:3] in (f"{language}-", f"{language}_"):
            return language
    return None


def slug_in_language(slug_language_code) -> bool:
    """``slugLanguageCode``: a translation's slug is the object's own slug here, so a look-up by a
    translated slug finds what the plain slug finds, in the two languages the catalog has."""
    return slug_language_code is None or known_language(slug_language_code) is not None


def in_language(text, language: str) -> str:
    with translation.override(language):
        return str(text)
