"""Rupiah: whole rupiah as integers everywhere; shown as ``Rp 1.250.000``."""

import re
from enum import StrEnum

from babel.numbers import get_group_symbol

CURRENCY = "IDR"
# Indonesian groups thousands with a dot (babel's locale data); a listing formats dozens of
# prices, so the separator is looked up once rather than the whole pattern parsed per price.
GROUP_SEPARATOR = get_group_symbol("id_ID")

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PREFIX = re.compile(r"^(?:idr|rp)\.?", re.IGNORECASE)
# Zero cents or a dash after the amount: "25.000,-", "25.000.-", "25.000,00", "25.000,0".
_SUFFIXES = (",-", ".-", ",00", ",0")
_ENGLISH_SUFFIXES = (".00",)
_DIGITS = re.compile(r"\d+")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_DECIMAL_COMMA = re.compile(r"(?:\d{1,3}(?:\.\d{3})*|\d+),\d+")
_DECIMAL_DOT = re.compile(r"\d+\.\d{1,2}")


class RupiahProblem(StrEnum):
    """Why a text is not an amount of whole rupiah."""

    EMPTY = "empty"
    INVALID = "invalid"
    FRACTION = "fraction"
    NEGATIVE = "negative"


class RupiahParseError(ValueError):
    """Text that is not whole rupiah; ``problem`` says why, so each caller words its own message."""

    def __init__(self, problem: RupiahProblem, text: str):
        self.problem = problem
        self.text = text
        super().__init__(f"{problem.value}: {text!r}")


def format_rupiah(amount: int | None) -> str:
    """Format whole rupiah the Indonesian way, whatever the active UI language."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", GROUP_SEPARATOR)


def parse_rupiah(text: str, *, english_separators: bool = False) -> int:
    """Whole rupiah, 0 or more, as people type them: ``660973``, ``660.973``, ``Rp. 660.973,-``.

    Spaces anywhere are ignored, ``Rp``/``IDR`` may lead, and a dot groups thousands (the
    Indonesian way), so a comma starts a fraction and ``660,973`` is refused. Spreadsheets written
    in English set ``english_separators``: then ``IDR 25,000`` and ``25000.00`` are read too.
    Raises ``RupiahParseError`` for empty text, fractions, negatives and anything else.
    """
    cleaned = _SPACES.sub("", text or "")
    if not cleaned:
        raise RupiahParseError(RupiahProblem.EMPTY, text)
    negative = cleaned.startswith("-")
    body = _PREFIX.sub("", cleaned.removeprefix("-"), count=1)
    suffixes = _SUFFIXES + (_ENGLISH_SUFFIXES if english_separators else ())
    body = next((body.removesuffix(s) for s in suffixes if body.endswith(s)), body)
    if _DIGITS.fullmatch(body) or _DOT_THOUSANDS.fullmatch(body):
        amount = int(body.replace(".", ""))
    elif english_separators and _COMMA_THOUSANDS.fullmatch(body):
        amount = int(body.replace(",", ""))
    elif _DECIMAL_COMMA.fullmatch(body) or _DECIMAL_DOT.fullmatch(body):
        raise RupiahParseError(RupiahProblem.FRACTION, text)
    else:
        raise RupiahParseError(RupiahProblem.INVALID, text)
    if negative:
        raise RupiahParseError(RupiahProblem.NEGATIVE, text)
    return amount
