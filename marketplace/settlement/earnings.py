"""Earnings read from the ledger, for the staff reports (per group and per kabupaten/kota).

"Earned" is a group's share net of reversals: what payments credited it (line totals less
commission, plus shipping) minus what rejections and refunds took back, posted in the period.
"""

from datetime import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from .models import AccountKind, LedgerEntry, TransactionKind

_SHARE = Q(
    account__kind__in=[AccountKind.PENDING, AccountKind.PAYABLE, AccountKind.RECOVERABLE],
    transaction__kind__in=[TransactionKind.PAYMENT, TransactionKind.REVERSAL],
)
_COMMISSION = Q(
    account__kind=AccountKind.COMMISSION,
    transaction__kind__in=[TransactionKind.PAYMENT, TransactionKind.REVERSAL],
)


def _entries(since: datetime, until: datetime, province_code: str | None):
    entries = LedgerEntry.objects.filter(
        created_at__gte=since, created_at__lt=until, group__isnull=False
    )
    if province_code:
        entries = entries.filter(group__regency__province_id=province_code)
    return entries


def earnings_by_group(since: datetime, until: datetime, *, province_code: str | None = None):
    """``[{group_id, group__name, regency, earned, commission}]``, largest earnings first."""
    return list(
        _entries(since, until, province_code)
        .values("group_id", "group__name", "group__regency_id")
        .annotate(
            earned=Coalesce(Sum("amount", filter=_SHARE), 0),
            commission=Coalesce(Sum("amount", filter=_COMMISSION), 0),
        )
        .order_by("-earned", "group__name")
    )


def earnings_by_regency(since: datetime, until: datetime, *, province_code: str | None = None):
    """``[{group__regency_id, group__regency__name, earned, commission, groups}]``."""
    return list(
        _entries(since, until, province_code)
        .values("group__regency_id", "group__regency__name")
        .annotate(
            earned=Coalesce(Sum("amount", filter=_SHARE), 0),
            commission=Coalesce(Sum("amount", filter=_COMMISSION), 0),
            groups=Count("group_id", distinct=True),
        )
        .order_by("-earned", "group__regency__name")
    )
