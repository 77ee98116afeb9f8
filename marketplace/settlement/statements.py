"""A group's monthly statement: every order line, its commission and share, refunds and payouts."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import (
    GROUP_ACCOUNT_KINDS,
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)

GROUP_SHARE_KINDS = (AccountKind.PENDING, AccountKind.PAYABLE, AccountKind.RECOVERABLE)


@dataclass
class StatementRow:
    """One posting as the group reads it; a refund's row carries negative amounts.

    ``goods`` is what the buyer paid for the goods, ``shipping`` the shipping charged for the
    group's parcel (the group gets it in full); ``share`` = goods - commission + shipping.
    ``quantity`` is the units sold (negative when a refund takes them back).
    """

    posted_at: datetime
    kind: str
    order_number: int | None
    description: str
    goods: int = 0
    shipping: int = 0
    commission: int = 0
    share: int = 0
    payout: int = 0
    quantity: int = 0

    @property
    def gross(self) -> int:
        return self.goods + self.shipping


TOTALS = ("goods", "shipping", "gross", "commission", "share", "payout", "quantity")


@dataclass
class Statement:
    """A group's month; the portal's sales page shows these same totals for the current month."""

    group: object
    month: date
    rows: list[StatementRow] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        return {name: sum(getattr(row, name) for row in self.rows) for name in TOTALS}

    @property
    def paid_orders(self) -> int:
        """Orders whose goods were paid (credited to the group) in this month."""
        return len({row.order_number for row in self.rows if row.quantity > 0})


def group_balances(group) -> dict[str, int]:
    """The group's balances as people read them (all positive), one query."""
    found = {a.kind: a.normal_balance for a in LedgerAccount.objects.filter(group=group)}
    return {kind: found.get(kind, 0) for kind in GROUP_ACCOUNT_KINDS}


def month_bounds(month: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(month.replace(day=1), time.min), tz)
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return start, timezone.make_aware(datetime.combine(following, time.min), tz)


def statement_months(group) -> list[date]:
    """Months in which the group's ledger moved, newest first."""
    first = (
        LedgerEntry.objects.filter(group=group)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if first is None:
        return []
    start = timezone.localtime(first).date().replace(day=1)
    today = timezone.localdate().replace(day=1)
    months, current = [], today
    while current >= start:
        months.append(current)
        current = date(current.year - (current.month == 1), (current.month - 2) % 12 + 1, 1)
    return months


def monthly_statement(group, month: date) -> Statement:
    """Rows for every posting of ``group`` in ``month`` (Asia/Jakarta), in posting order."""
    since, until = month_bounds(month)
    entries = (
        LedgerEntry.objects.filter(group=group, created_at__gte=since, created_at__lt=until)
        .select_related("transaction__order", "transaction__payout_line", "order_line", "account")
        .order_by("transaction_id", "pk")
    )
    statement = Statement(group=group, month=month.replace(day=1))
    grouped: dict[tuple, StatementRow] = {}
    for entry in entries:
        txn = entry.transaction
        row = _row_for(grouped, txn, entry)
        if row is None:
            continue
        kind = entry.account.kind
        if txn.kind in (TransactionKind.PAYMENT, TransactionKind.REVERSAL):
            if kind == AccountKind.CLEARING and entry.order_line_id:
                row.goods -= entry.amount
            elif kind == AccountKind.CLEARING:
                row.shipping -= entry.amount
            elif kind == AccountKind.COMMISSION:
                row.commission += entry.amount
            elif kind in GROUP_SHARE_KINDS:
                row.share += entry.amount
        elif txn.kind == TransactionKind.PAYOUT_PAID and kind == AccountKind.PAID:
            row.payout += entry.amount
        elif txn.kind == TransactionKind.OFFSET and kind == AccountKind.PAYABLE:
            row.payout -= entry.amount
    statement.rows = list(grouped.values())
    return statement


def _row_for(grouped: dict, txn: LedgerTransaction, entry: LedgerEntry) -> StatementRow | None:
    if txn.kind not in (
        TransactionKind.PAYMENT,
        TransactionKind.REVERSAL,
        TransactionKind.PAYOUT_PAID,
        TransactionKind.OFFSET,
    ):
        return None
    key = (txn.pk, entry.order_line_id)
    if key not in grouped:
        grouped[key] = StatementRow(
            posted_at=timezone.localtime(txn.created_at),
            kind=TransactionKind(txn.kind).label,
            order_number=txn.order.number if txn.order_id else None,
            description=_describe(txn, entry),
            quantity=_units(txn, entry),
        )
    return grouped[key]


def _units(txn: LedgerTransaction, entry: LedgerEntry) -> int:
    if not entry.order_line_id:
        return 0
    if txn.kind == TransactionKind.PAYMENT:
        return entry.order_line.quantity
    if txn.kind == TransactionKind.REVERSAL:
        return -entry.order_line.quantity
    return 0


def _describe(txn: LedgerTransaction, entry: LedgerEntry) -> str:
    if txn.kind == TransactionKind.PAYOUT_PAID:
        line = txn.payout_line
        return _("Transfer %(reference)s to %(bank)s %(account)s") % {
            "reference": line.reference,
            "bank": line.bank_name,
            "account": line.masked_number,
        }
    if txn.kind == TransactionKind.OFFSET:
        return _("Refund already paid out, set off against your balance")
    if entry.order_line_id:
        line = entry.order_line
        label = f"{line.product_name} {line.variant_name}".strip()
        return f"{line.quantity} × {label}"
    return _("Shipping")


def statement_csv(statement: Statement) -> bytes:
    """The statement as CSV (UTF-8 with BOM so Excel shows Indonesian text right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            _("Date"),
            _("Type"),
            _("Order"),
            _("Description"),
            _("Goods sales (Rp)"),
            _("Shipping (Rp)"),
            _("Commission (Rp)"),
            _("Group share (Rp)"),
            _("Payout (Rp)"),
        ]
    )
    for row in statement.rows:
        writer.writerow(
            [
                row.posted_at.strftime("%Y-%m-%d %H:%M"),
                row.kind,
                row.order_number or "",
                _safe_cell(row.description),
                row.goods,
                row.shipping,
                row.commission,
                row.share,
                row.payout,
            ]
        )
    totals = statement.totals
    writer.writerow(
        [
            "",
            "",
            "",
            _("Total"),
            totals["goods"],
            totals["shipping"],
            totals["commission"],
            totals["share"],
            totals["payout"],
        ]
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def month_label(month: date) -> str:
    return formats.date_format(month, "F Y")


def _safe_cell(value: str) -> str:
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
