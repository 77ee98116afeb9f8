"""Rupiah: whole rupiah as integers everywhere; shown as ``Rp 1.250.000``."""

from babel.numbers import format_decimal

CURRENCY = "IDR"


def format_rupiah(amount: int | None) -> str:
    """Format whole rupiah the Indonesian way, whatever the active UI language."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {format_decimal(abs(int(amount)), format='#,##0', locale='id_ID')}"
