"""Rupiah: whole rupiah as integers everywhere; shown as ``Rp 1.250.000``."""

from babel.numbers import get_group_symbol

CURRENCY = "IDR"
# Indonesian groups thousands with a dot (babel's locale data); a listing formats dozens of
# prices, so the separator is looked up once rather than the whole pattern parsed per price.
GROUP_SEPARATOR = get_group_symbol("id_ID")


def format_rupiah(amount: int | None) -> str:
    """Format whole rupiah the Indonesian way, whatever the active UI language."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", GROUP_SEPARATOR)
