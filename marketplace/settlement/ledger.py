"""The posting engine: balanced, append-only transactions with an idempotency key each.

Every caller follows one order so concurrent postings never deadlock:
``locked_group_accounts`` (all accounts of the groups involved, ordered by pk), then
``claim`` (insert the transaction row; a key seen before returns ``None``), then
``write_entries`` (entries and counters in the same transaction).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, F, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from .errors import SettlementError, SettlementErrorCode
from .models import (
    GROUP_ACCOUNT_KINDS,
    SYSTEM_ACCOUNT_KINDS,
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
)


@dataclass(frozen=True)
class Leg:
    """One side of a posting: a signed amount (credit positive) on one account."""

    account: LedgerAccount
    amount: int
    group_id: int | None = None
    order_line_id: int | None = None
    fulfillment_id: int | None = None


class GroupAccounts:
    """The locked accounts of some groups plus the system accounts."""

    def __init__(self, accounts: Iterable[LedgerAccount], system: dict[str, LedgerAccount]):
        self.by_key = {(a.group_id, a.kind): a for a in accounts}
        self.system = system

    def of(self, group_id: int, kind: str) -> LedgerAccount:
        return self.by_key[(group_id, kind)]

    @property
    def commission(self) -> LedgerAccount:
        return self.system[AccountKind.COMMISSION]

    @property
    def clearing(self) -> LedgerAccount:
        return self.system[AccountKind.CLEARING]

    @property
    def unique_code(self) -> LedgerAccount:
        return self.system[AccountKind.UNIQUE_CODE]

    @property
    def receivable(self) -> LedgerAccount:
        return self.system[AccountKind.RECEIVABLE]


def system_accounts() -> dict[str, LedgerAccount]:
    accounts = {a.kind: a for a in LedgerAccount.objects.filter(group__isnull=True)}
    if len(accounts) < len(SYSTEM_ACCOUNT_KINDS):
        LedgerAccount.objects.bulk_create(
            [LedgerAccount(kind=kind) for kind in SYSTEM_ACCOUNT_KINDS], ignore_conflicts=True
        )
        accounts = {a.kind: a for a in LedgerAccount.objects.filter(group__isnull=True)}
    return accounts


def ensure_group_accounts(group_ids: Iterable[int]) -> None:
    """Open the five accounts of each group (no-op for those that have them)."""
    LedgerAccount.objects.bulk_create(
        [
            LedgerAccount(group_id=gid, kind=kind)
            for gid in group_ids
            for kind in GROUP_ACCOUNT_KINDS
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )


def locked_group_accounts(group_ids: Iterable[int]) -> GroupAccounts:
    """Lock every account of these groups, ordered by pk; must run inside a transaction."""
    group_ids = sorted(set(group_ids))
    expected = len(group_ids) * len(GROUP_ACCOUNT_KINDS)
    query = (
        LedgerAccount.objects.filter(group_id__in=group_ids)
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    accounts = list(query)
    if len(accounts) < expected:
        ensure_group_accounts(group_ids)
        accounts = list(query.all())
    return GroupAccounts(accounts, system_accounts())


def is_posted(key: str) -> bool:
    return LedgerTransaction.objects.filter(key=key).exists()


def claim(key: str, kind: str, **refs) -> LedgerTransaction | None:
    """Insert the transaction row for ``key``; ``None`` when the event was already posted.

    ``INSERT … ON CONFLICT DO NOTHING`` waits for a concurrent insert of the same key and then
    reports the conflict, so two workers never post one event twice.
    """
    claimed = claim_many([(key, kind, refs)])
    return claimed[0] if claimed else None


_CLAIM_COLUMNS = (
    "key",
    "kind",
    "memo",
    "created_at",
    "order_id",
    "fulfillment_id",
    "payout_line_id",
)


def claim_many(rows: list[tuple[str, str, dict]]) -> list[LedgerTransaction]:
    """``claim`` for many keys in one statement; returns the transactions claimed now."""
    if not rows:
        return []
    now = timezone.now()
    values, params = [], []
    for key, kind, refs in rows:
        values.append("(" + ", ".join(["%s"] * len(_CLAIM_COLUMNS)) + ")")
        params += [
            key,
            kind,
            refs.get("memo", ""),
            now,
            refs.get("order_id"),
            refs.get("fulfillment_id"),
            refs.get("payout_line_id"),
        ]
    sql = (
        f"INSERT INTO {LedgerTransaction._meta.db_table} ({', '.join(_CLAIM_COLUMNS)}) "  # noqa: S608
        f"VALUES {', '.join(values)} ON CONFLICT (key) DO NOTHING RETURNING id, key"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = {key: pk for pk, key in cursor.fetchall()}
    return [
        LedgerTransaction(
            pk=ids[key],
            key=key,
            kind=kind,
            memo=refs.get("memo", ""),
            created_at=now,
            order_id=refs.get("order_id"),
            fulfillment_id=refs.get("fulfillment_id"),
            payout_line_id=refs.get("payout_line_id"),
        )
        for key, kind, refs in rows
        if key in ids
    ]


def write_entries(txns_and_legs: Iterable[tuple[LedgerTransaction, list[Leg]]]) -> int:
    """Append the entries of one or more claimed transactions and move the counters.

    Each transaction's legs must sum to zero; zero legs are dropped. Returns the entry count.
    """
    assert transaction.get_connection().in_atomic_block, "post inside a transaction"
    entries = []
    deltas: dict[int, int] = defaultdict(int)
    for txn, legs in txns_and_legs:
        legs = [leg for leg in legs if leg.amount != 0]
        if any(not isinstance(leg.amount, int) for leg in legs) or sum(leg.amount for leg in legs):
            raise SettlementError(SettlementErrorCode.UNBALANCED, f"unbalanced posting {txn.key}")
        for leg in legs:
            entries.append(
                LedgerEntry(
                    transaction_id=txn.pk,
                    account_id=leg.account.pk,
                    amount=leg.amount,
                    group_id=leg.group_id,
                    order_line_id=leg.order_line_id,
                    fulfillment_id=leg.fulfillment_id,
                    created_at=txn.created_at,
                )
            )
            if leg.account.tracks_balance:
                deltas[leg.account.pk] += leg.amount
                leg.account.balance += leg.amount
    LedgerEntry.objects.bulk_create(entries, batch_size=5000)
    deltas = {pk: delta for pk, delta in deltas.items() if delta}
    if deltas:
        LedgerAccount.objects.filter(pk__in=list(deltas)).update(
            balance=F("balance")
            + Case(*[When(pk=pk, then=Value(delta)) for pk, delta in deltas.items()], default=0)
        )
    return len(entries)


def post(key: str, kind: str, legs: list[Leg], **refs) -> LedgerTransaction | None:
    """Claim ``key`` and write ``legs`` (accounts already locked by the caller)."""
    txn = claim(key, kind, **refs)
    if txn is not None:
        write_entries([(txn, legs)])
    return txn


def entry_sum(**filters) -> int:
    return LedgerEntry.objects.filter(**filters).aggregate(total=Coalesce(Sum("amount"), 0))[
        "total"
    ]
