"""Parsing one cell: the ways Indonesian spreadsheets write prices, weights, numbers and options.

Each parser returns the clean value or raises ``ValueError`` whose text is the message for people.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from marketplace.core.money import RupiahParseError, RupiahProblem, parse_rupiah

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_WEIGHT = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-z]*)$")
_WEIGHT_UNITS = {
    "": Decimal(1),
    "g": Decimal(1),
    "gr": Decimal(1),
    "grm": Decimal(1),
    "gram": Decimal(1),
    "kg": Decimal(1000),
    "kilo": Decimal(1000),
    "kilogram": Decimal(1000),
    "ons": Decimal(100),
    "on": Decimal(100),
}


def text(value: object) -> str:
    """A cell as trimmed text: whole-number floats lose their ``.0``; None is empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).replace("\u00a0", " ").strip()


def parse_price(value: object) -> int:
    """Whole rupiah from ``25000``, ``25.000``, ``Rp 25.000``, ``Rp. 25.000,-`` or a number."""
    amount = _price_amount(value)
    if amount <= 0:
        raise ValueError(_("The price must be more than Rp 0."))
    return amount


def _price_amount(value: object) -> int:
    """A number cell as it is (negative stays negative); text by ``core.money.parse_rupiah``."""
    if isinstance(value, bool):
        raise ValueError(_invalid_price(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        if value != int(value):
            raise ValueError(_fraction(value))
        return int(value)
    raw = text(value)
    try:
        return parse_rupiah(raw, english_separators=True)
    except RupiahParseError as error:
        raise ValueError(_price_message(error.problem, raw)) from None


def _price_message(problem: RupiahProblem, raw: str) -> str:
    match problem:
        case RupiahProblem.EMPTY:
            return _("The price is required.")
        case RupiahProblem.FRACTION:
            return _fraction(raw)
        case RupiahProblem.NEGATIVE:
            return _("The price must be more than Rp 0.")
    return _invalid_price(raw)


def _invalid_price(raw: object) -> str:
    return _("“%(value)s” is not a price in rupiah (e.g. 25000 or Rp 25.000).") % {"value": raw}


def _fraction(raw: object) -> str:
    return _("“%(value)s” has a fraction of a rupiah; prices are whole rupiah.") % {"value": raw}


def parse_weight(value: object) -> int:
    """Whole grams from ``250``, ``250 g``, ``250gr``, ``0,25 kg``, ``1 kg``, ``2 ons``."""
    if isinstance(value, bool):
        raise ValueError(_invalid_weight(value))
    if isinstance(value, int | float | Decimal):
        grams = Decimal(str(value))
    else:
        raw = text(value)
        if not raw:
            raise ValueError(_("The weight is required."))
        match = _WEIGHT.match(_SPACES.sub(" ", raw.lower()).replace(" ", ""))
        if not match or match["unit"] not in _WEIGHT_UNITS:
            raise ValueError(_invalid_weight(raw))
        try:
            number = Decimal(match["number"].replace(",", "."))
        except InvalidOperation:
            raise ValueError(_invalid_weight(raw)) from None
        grams = number * _WEIGHT_UNITS[match["unit"]]
    if grams != grams.to_integral_value():
        raise ValueError(_("“%(value)s” is not a whole number of grams.") % {"value": value})
    if grams <= 0:
        raise ValueError(_("The weight must be more than 0 grams."))
    return int(grams)


def _invalid_weight(raw: object) -> str:
    return _("“%(value)s” is not a weight (e.g. 250 g, 0,25 kg, 2 ons).") % {"value": raw}


def parse_count(value: object) -> int:
    """A whole number of items, 0 or more (``1.200`` is one thousand two hundred)."""
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = text(value).replace(" ", "")
    if _THOUSANDS_DOT.match(raw):
        raw = raw.replace(".", "")
    if raw.lstrip("-").isdigit():
        number = int(raw)
        if number < 0:
            raise ValueError(_("The stock cannot be negative."))
        return number
    raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})


def parse_year(value: object, *, today: datetime.date | None = None) -> int:
    this_year = (today or datetime.date.today()).year
    raw = text(value)
    if not raw.isdigit() or not 1970 <= int(raw) <= this_year:
        raise ValueError(
            _("“%(value)s” is not a year between 1970 and %(year)s.")
            % {"value": raw, "year": this_year}
        )
    return int(raw)


def parse_options(value: object) -> dict[str, str]:
    """``Aroma=Sereh; Ukuran=Kecil`` → ``{"Aroma": "Sereh", "Ukuran": "Kecil"}``."""
    options: dict[str, str] = {}
    for part in text(value).split(";"):
        if not part.strip():
            continue
        name, sep, option = part.partition("=")
        name, option = name.strip(), option.strip()
        if not sep or not name or not option:
            raise ValueError(
                _("“%(value)s” is not name=value (e.g. Aroma=Sereh; Ukuran=Kecil).")
                % {"value": part.strip()}
            )
        if name in options:
            raise ValueError(_("The option “%(name)s” is given twice.") % {"name": name})
        options[name[:60]] = option[:100]
    return options


def split_list(value: object) -> list[str]:
    """``a | b | a`` → ``["a", "b"]`` (order kept, duplicates and blanks dropped)."""
    seen: dict[str, None] = {}
    for part in text(value).split("|"):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)
