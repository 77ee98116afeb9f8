"""The marketplace's commission on a sale; fixed on the order line when the order is placed."""

from decimal import Decimal

from django.conf import settings


def commission_percent(product, group) -> Decimal:
    """Percent of the line total the marketplace keeps (per category, overridden per group)."""
    return Decimal(settings.MARKETPLACE_DEFAULT_COMMISSION_PERCENT)
