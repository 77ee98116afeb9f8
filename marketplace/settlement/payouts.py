"""Payout runs: payable balances become batch lines, are transferred, then marked paid or failed.

Money moves payable → in transfer when a line is created, in transfer → paid when staff mark the
batch paid, and in transfer → payable when a line fails. Every group's accounts are locked (in
pk order) before its balance is read, and a group has at most one pending line, so two runs that
overlap never pay one rupiah twice.
"""

import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.groups.models import UppksGroup
from marketplace.notifications.outbox import Notice, enqueue_many, recipients_for_groups

from .errors import SettlementError, SettlementErrorCode
from .ledger import Leg, claim, locked_group_accounts, write_entries
from .models import (
    AccountKind,
    BatchStatus,
    LedgerAccount,
    LedgerTransaction,
    LineStatus,
    PayoutAccount,
    PayoutBatch,
    PayoutLine,
    TransactionKind,
)


def clean_amount(value, *, field: str = "amount") -> int:
    """Whole, non-negative rupiah; fractions, negatives and text are refused."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        raise SettlementError(
            SettlementErrorCode.INVALID_AMOUNT,
            _("Amounts are whole rupiah, without decimals (got %(value)s).") % {"value": value},
            field=field,
        )
    if value < 0:
        raise SettlementError(
            SettlementErrorCode.INVALID_AMOUNT,
            _("Amounts cannot be negative (got %(value)s).") % {"value": value},
            field=field,
        )
    return value


def run_payouts(*, actor=None, group_ids=None, minimum=None) -> PayoutBatch:
    """Put every payable balance of at least ``minimum`` into one new batch.

    ``group_ids`` limits the run to those groups (staff paying one group now); then each of
    them must have something payable and an approved payout account.
    """
    minimum = clean_amount(
        settings.SETTLEMENT_PAYOUT_MINIMUM if minimum is None else minimum, field="minimum"
    )
    minimum = max(minimum, 1)
    explicit = group_ids is not None
    with transaction.atomic():
        candidates = LedgerAccount.objects.filter(kind=AccountKind.PAYABLE, balance__gt=0)
        if explicit:
            candidates = candidates.filter(group_id__in=list(group_ids))
        accounts = locked_group_accounts(candidates.values_list("group_id", flat=True))
        group_ids_now = sorted(
            gid for (gid, kind) in accounts.by_key if kind == AccountKind.PAYABLE
        )
        if explicit:
            _check_explicit(set(group_ids), accounts)
        bank = {p.group_id: p for p in PayoutAccount.objects.filter(group_id__in=group_ids_now)}
        busy = set(
            PayoutLine.objects.filter(
                group_id__in=group_ids_now, status=LineStatus.PENDING
            ).values_list("group_id", flat=True)
        )
        offsets, amounts = [], {}
        for gid in group_ids_now:
            payable = accounts.of(gid, AccountKind.PAYABLE)
            recoverable = accounts.of(gid, AccountKind.RECOVERABLE)
            offset = min(payable.balance, -recoverable.balance)
            if offset > 0:
                offsets.append((gid, offset))
            amount = payable.balance - max(offset, 0)
            if gid in bank and gid not in busy and amount >= minimum:
                amounts[gid] = amount
        if explicit and not amounts:
            raise _nothing_payable()
        _post_offsets(offsets, accounts)
        if not amounts:
            raise _nothing_payable()
        batch = _create_batch(amounts, bank, accounts, minimum=minimum, actor=actor)
    return batch


def _check_explicit(group_ids: set, accounts) -> None:
    with_payable = {gid for (gid, kind) in accounts.by_key if kind == AccountKind.PAYABLE}
    missing = group_ids - with_payable
    if missing:
        raise _nothing_payable()
    without_bank = group_ids - set(
        PayoutAccount.objects.filter(group_id__in=group_ids).values_list("group_id", flat=True)
    )
    if without_bank:
        names = ", ".join(
            UppksGroup.objects.filter(pk__in=without_bank).values_list("name", flat=True)
        )
        raise SettlementError(
            SettlementErrorCode.NO_PAYOUT_ACCOUNT,
            _("No approved payout account for: %(groups)s.") % {"groups": names},
            field="group",
        )


def _nothing_payable() -> SettlementError:
    return SettlementError(
        SettlementErrorCode.NOTHING_PAYABLE,
        _("Nothing is payable: no group has a payable balance above the minimum to pay out."),
        field="group",
    )


def _post_offsets(offsets, accounts) -> None:
    """Set money a group owes back against its payable balance before paying it."""
    pairs = []
    for gid, amount in offsets:
        txn = claim(f"offset:{gid}:{uuid.uuid4().hex}", TransactionKind.OFFSET)
        legs = [
            Leg(accounts.of(gid, AccountKind.PAYABLE), -amount, group_id=gid),
            Leg(accounts.of(gid, AccountKind.RECOVERABLE), amount, group_id=gid),
        ]
        pairs.append((txn, legs))
    write_entries(pairs)


def _create_batch(amounts: dict, bank: dict, accounts, *, minimum: int, actor) -> PayoutBatch:
    batch = PayoutBatch.objects.create(
        minimum_amount=minimum,
        total_amount=sum(amounts.values()),
        line_count=len(amounts),
        gateway=settings.SETTLEMENT_PAYOUT_GATEWAY,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    lines = PayoutLine.objects.bulk_create(
        [
            PayoutLine(
                batch=batch,
                group_id=gid,
                amount=amount,
                bank_code=bank[gid].bank_code,
                account_number=bank[gid].account_number,
                holder_name=bank[gid].holder_name,
            )
            for gid, amount in sorted(amounts.items())
        ]
    )
    _move(
        lines,
        accounts,
        "payout",
        TransactionKind.PAYOUT,
        AccountKind.PAYABLE,
        AccountKind.IN_TRANSFER,
    )
    return batch


def _move(lines, accounts, prefix: str, kind: str, source: str, target: str) -> None:
    """Post ``line.amount`` from ``source`` to ``target`` for each line, keyed by the line."""
    now = timezone.now()
    txns = LedgerTransaction.objects.bulk_create(
        [
            LedgerTransaction(
                key=f"{prefix}:{line.pk}", kind=kind, payout_line_id=line.pk, created_at=now
            )
            for line in lines
        ]
    )
    write_entries(
        (
            txn,
            [
                Leg(accounts.of(line.group_id, source), -line.amount, group_id=line.group_id),
                Leg(accounts.of(line.group_id, target), line.amount, group_id=line.group_id),
            ],
        )
        for txn, line in zip(txns, lines, strict=True)
    )


def mark_batch_paid(batch_id: int, *, actor) -> PayoutBatch:
    """The bank transferred the batch: its pending lines are paid and the groups are told."""
    with transaction.atomic():
        batch = PayoutBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status == BatchStatus.PAID:
            raise SettlementError(
                SettlementErrorCode.BATCH_ALREADY_PAID,
                _("Batch %(reference)s was already marked paid on %(date)s.")
                % {"reference": batch.reference, "date": f"{batch.paid_at:%d-%m-%Y}"},
            )
        lines = list(batch.lines.filter(status=LineStatus.PENDING).select_related("group"))
        accounts = locked_group_accounts([line.group_id for line in lines])
        locked = list(
            PayoutLine.objects.filter(pk__in=[line.pk for line in lines])
            .order_by("pk")
            .select_for_update()
        )
        _move(
            locked,
            accounts,
            "payout-paid",
            TransactionKind.PAYOUT_PAID,
            AccountKind.IN_TRANSFER,
            AccountKind.PAID,
        )
        now = timezone.now()
        PayoutLine.objects.filter(pk__in=[line.pk for line in locked]).update(
            status=LineStatus.PAID, paid_at=now
        )
        batch.status = BatchStatus.PAID
        batch.paid_at = now
        batch.paid_by = actor if getattr(actor, "pk", None) else None
        batch.save(update_fields=["status", "paid_at", "paid_by"])
        _notify_paid(lines)
    return batch


def _notify_paid(lines: list[PayoutLine]) -> None:
    """Every group of the batch told, in a constant number of queries (one read, one INSERT)."""
    recipients = recipients_for_groups({line.group_id: line.group for line in lines}.values())
    enqueue_many(
        Notice(
            "payout_sent",
            about=line,
            recipients=recipients[line.group_id],
            context={
                "group_name": line.group.name,
                "amount": line.amount,
                "reference": line.reference,
                "bank_name": line.bank_name,
                "account_masked": line.masked_number,
                "holder_name": line.holder_name,
            },
        )
        for line in lines
    )


def fail_payout_line(line_id: int, *, actor, reason: str) -> PayoutLine:
    """The bank refused one transfer: its amount goes back to the group's payable balance."""
    with transaction.atomic():
        line = PayoutLine.objects.select_related("batch").get(pk=line_id)
        PayoutBatch.objects.select_for_update().get(pk=line.batch_id)
        accounts = locked_group_accounts([line.group_id])
        line = PayoutLine.objects.select_for_update().get(pk=line_id)
        if line.status != LineStatus.PENDING:
            raise SettlementError(
                SettlementErrorCode.LINE_NOT_PENDING,
                _("This transfer is already %(status)s.")
                % {"status": line.get_status_display().lower()},
            )
        _move(
            [line],
            accounts,
            "payout-failed",
            TransactionKind.PAYOUT_FAILED,
            AccountKind.IN_TRANSFER,
            AccountKind.PAYABLE,
        )
        line.status = LineStatus.FAILED
        line.failed_at = timezone.now()
        line.failure_reason = (reason or "")[:255]
        line.save(update_fields=["status", "failed_at", "failure_reason"])
    return line
