"""Checks that the ledger agrees with itself and with the payments the orders received."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from marketplace.orders.models import Order
from marketplace.payments.models import TransactionGateway, TransactionItem, TransactionStatus

from .models import (
    AccountKind,
    LedgerAccount,
    LedgerCheck,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)
from .postings import payment_key, refunded_unique_codes, transfer_unique_codes


def ledger_problems() -> list[dict]:
    """Every disagreement: unbalanced transactions, counters that differ from their entries."""
    problems = []
    total = LedgerEntry.objects.aggregate(total=Sum("amount"))["total"] or 0
    if total:
        problems.append({"problem": "ledger_not_zero", "difference": total})
    unbalanced = (
        LedgerTransaction.objects.annotate(total=Sum("entries__amount"))
        .exclude(total=0)
        .exclude(total__isnull=True)
        .values_list("key", "total")
    )
    problems += [
        {"problem": "unbalanced_transaction", "key": key, "difference": diff}
        for key, diff in unbalanced
    ]
    counters = (
        LedgerAccount.objects.filter(group__isnull=False)
        .annotate(entries_total=Sum("entries__amount"))
        .values_list("pk", "group_id", "kind", "balance", "entries_total")
    )
    for pk, group_id, kind, counter, entries_total in counters:
        if counter != (entries_total or 0):
            problems.append(
                {
                    "problem": "counter_differs",
                    "account": pk,
                    "group": group_id,
                    "kind": kind,
                    "counter": counter,
                    "entries": entries_total or 0,
                }
            )
    return problems


def check_ledger() -> LedgerCheck:
    """Record one reconciliation run (the nightly task and the staff page call this)."""
    problems = ledger_problems()
    return LedgerCheck.objects.create(ok=not problems, problems=problems)


@dataclass
class DayFigures:
    """One day's money. ``received`` is what reached the bank: order totals plus the unique codes
    of bank transfers, so it matches the bank statement; the ledger side must add up to it."""

    day: date
    received: int = 0  # as on the bank statement: what the orders were charged + transfer codes
    transfer_codes: int = 0  # the unique codes included in ``received`` (from payments)
    refunded: int = 0  # what the payments domain refunded on those orders, codes returned incl.
    group_shares: int = 0  # net of reversals
    commission: int = 0  # net of reversals
    unique_codes: int = 0  # posted to the platform's unique-code account, net of codes returned
    refunds: int = 0  # reversed in the ledger (clearing credited back), codes returned included
    orders: int = 0
    unposted_orders: list = field(default_factory=list)

    @property
    def difference(self) -> int:
        return self.received - (
            self.group_shares + self.commission + self.unique_codes + self.refunds
        )

    @property
    def refund_difference(self) -> int:
        return self.refunded - self.refunds

    @property
    def flagged(self) -> bool:
        return bool(self.difference or self.refund_difference or self.unposted_orders)


def daily_reconciliation(start: date, end: date, *, province_code: str | None = None) -> list:
    """Per day (of payment, Asia/Jakarta) from ``start`` to ``end`` inclusive:
    payments received (bank statement amounts, unique codes included) = group shares +
    commission + unique codes + refunds, with differences flagged.

    A refund of the whole of a bank-transfer order returns its unique code: the payments side
    counts it in ``refunded`` (``Refund.unique_code``), the ledger side in ``refunds`` (clearing
    credited back) and off ``unique_codes``; a partial refund returns no code on either side."""
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), tz)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    # cash on delivery never reaches the platform: it is shown apart (``cod_reconciliation``)
    orders = Order.objects.filter(paid_at__gte=since, paid_at__lt=until).exclude(
        payment_method="cod"
    )
    if province_code:
        orders = orders.filter(fulfillments__group__regency__province_id=province_code).distinct()
    days = {
        start + timedelta(days=n): DayFigures(start + timedelta(days=n))
        for n in range((end - start).days + 1)
    }
    paid = orders.values_list("pk", "number", "paid_at", "total_charged", "total_refunded")
    posted = set(
        LedgerTransaction.objects.filter(
            kind=TransactionKind.PAYMENT, order__in=orders
        ).values_list("order_id", flat=True)
    )
    paid = list(paid)
    codes = transfer_unique_codes([row[0] for row in paid])
    returned_codes = refunded_unique_codes([row[0] for row in paid])
    for pk, number, paid_at, charged, refunded in paid:
        figures = days[timezone.localtime(paid_at, tz).date()]
        figures.orders += 1
        figures.received += charged + codes.get(pk, 0)
        figures.transfer_codes += codes.get(pk, 0)
        figures.refunded += refunded + returned_codes.get(pk, 0)
        if pk not in posted:
            figures.unposted_orders.append(number)
    entries = (
        LedgerEntry.objects.filter(transaction__order__in=orders)
        .filter(transaction__kind__in=[TransactionKind.PAYMENT, TransactionKind.REVERSAL])
        .annotate(day=TruncDate("transaction__order__paid_at", tzinfo=tz))
        .values("day", "transaction__kind", "account__kind")
        .annotate(total=Sum("amount"))
    )
    for row in entries:
        figures = days.get(row["day"])
        if figures is None:
            continue
        kind, account, total = row["transaction__kind"], row["account__kind"], row["total"]
        if account == AccountKind.COMMISSION:
            figures.commission += total
        elif account == AccountKind.UNIQUE_CODE:
            figures.unique_codes += total
        elif account == AccountKind.CLEARING:
            if kind == TransactionKind.REVERSAL:
                figures.refunds += total
        else:
            figures.group_shares += total
    return sorted(days.values(), key=lambda figures: figures.day, reverse=True)


@dataclass(frozen=True)
class TransferMatch:
    """One confirmed bank transfer next to what the ledger says the platform received for it."""

    order_number: int
    paid_at: datetime
    order_total: int
    unique_code: int
    statement_amount: int  # what the customer transferred: order total + unique code
    ledger_amount: int  # clearing debited by the order's payment posting

    @property
    def matched(self) -> bool:
        return self.statement_amount == self.ledger_amount == self.order_total + self.unique_code


def bank_transfer_matches(
    start: date, end: date, *, province_code: str | None = None, limit: int = 500
) -> list[TransferMatch]:
    """Confirmed bank transfers of orders paid from ``start`` to ``end``, newest first, each with
    the amount on the bank statement and the amount the ledger posted for it."""
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), tz)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    transfers = TransactionItem.objects.filter(
        gateway=TransactionGateway.BANK_TRANSFER,
        status=TransactionStatus.CHARGED,
        order__paid_at__gte=since,
        order__paid_at__lt=until,
    )
    if province_code:
        transfers = transfers.filter(
            order__fulfillments__group__regency__province_id=province_code
        ).distinct()
    rows = list(
        transfers.order_by("-order__paid_at", "-pk").values_list(
            "order_id",
            "order__number",
            "order__paid_at",
            "order__total",
            "unique_code",
            "charged_value",
        )[:limit]
    )
    posted = dict(
        LedgerEntry.objects.filter(
            transaction__key__in=[payment_key(row[0]) for row in rows],
            account__kind=AccountKind.CLEARING,
        )
        .values("transaction__order_id")
        .annotate(total=Sum("amount"))
        .values_list("transaction__order_id", "total")
    )
    return [
        TransferMatch(number, paid_at, total, code, charged, -(posted.get(order_id) or 0))
        for order_id, number, paid_at, total, code, charged in rows
    ]


@dataclass
class CodDay:
    """Cash on delivery on one day of delivery: cash the groups collected themselves, and the
    commission they owe for it (their ``recoverable`` accounts, netted from their payouts)."""

    day: date
    parcels: int = 0
    cash_collected: int = 0
    commission_owed: int = 0


def cod_reconciliation(start: date, end: date, *, province_code: str | None = None) -> list:
    """Per day of delivery, ``start`` to ``end`` inclusive, newest first (days with COD only)."""
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), tz)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    cash = TransactionItem.objects.filter(
        gateway=TransactionGateway.COD,
        status=TransactionStatus.CHARGED,
        created_at__gte=since,
        created_at__lt=until,
    )
    entries = LedgerEntry.objects.filter(
        transaction__kind=TransactionKind.COD_COMMISSION,
        account__kind=AccountKind.COMMISSION,
        transaction__created_at__gte=since,
        transaction__created_at__lt=until,
    )
    if province_code:
        cash = cash.filter(
            order__fulfillments__group__regency__province_id=province_code
        ).distinct()
        entries = entries.filter(group__regency__province_id=province_code)
    days: dict[date, CodDay] = {}
    for created_at, amount in cash.values_list("created_at", "charged_value"):
        figures = days.setdefault(timezone.localtime(created_at, tz).date(), CodDay(None))
        figures.parcels += 1
        figures.cash_collected += amount
    rows = entries.annotate(day=TruncDate("transaction__created_at", tzinfo=tz)).values("day")
    for row in rows.annotate(total=Sum("amount")):
        days.setdefault(row["day"], CodDay(None)).commission_owed += row["total"]
    for day, figures in days.items():
        figures.day = day
    return sorted(days.values(), key=lambda figures: figures.day, reverse=True)
