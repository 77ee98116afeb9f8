"""Settlement: ledger postings for 100,000 paid orders, then one payout run over 2,000 groups.

Sets up its own PostgreSQL database (``pasar_bench_settlement``): 2,000 groups with approved
payout accounts and 100,000 paid orders (one fulfilment each, 1–3 lines, 10 % commission),
inserted in bulk. Then, measured:

1. payment postings: the first 2,000 orders one by one, each ``post_payment_confirmed(order)``
   in its own transaction as ``orders.services.confirm_payment`` calls it; the rest through the
   bulk ``post_payments_confirmed`` (as ``manage.py post_missing_payments``), 500 orders per
   transaction → entries/s, orders/s, queries per order;
2. deliveries: ``post_fulfillment_delivered`` for two fulfilments of every group;
3. the payout run: ``run_payouts`` over every group's payable balance → time and query count;
   then ``mark_batch_paid`` (2,000 ``payout_sent`` notices) and the reconciliation check.

Run: ``.venv/bin/python bench/bench_settlement.py`` (``make bench`` runs it);
``BENCH_SETTLEMENT_ORDERS`` / ``BENCH_SETTLEMENT_GROUPS`` change the size.
"""

import os
import platform
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ORDERS = int(os.environ.get("BENCH_SETTLEMENT_ORDERS", "100000"))
GROUPS = int(os.environ.get("BENCH_SETTLEMENT_GROUPS", "2000"))
DB_NAME = "pasar_bench_settlement"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "memory://",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key",
        "LOG_LEVEL": "WARNING",
    }
)

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace.groups.models import UppksGroup  # noqa: E402
from marketplace.orders.models import (  # noqa: E402
    Fulfillment,
    FulfillmentStatus,
    Order,
    OrderChargeStatus,
    OrderLine,
    OrderStatus,
    RoutingReason,
)
from marketplace.regions.models import Regency  # noqa: E402
from marketplace.settlement.models import LedgerEntry, PayoutAccount  # noqa: E402
from marketplace.settlement.payouts import mark_batch_paid, run_payouts  # noqa: E402
from marketplace.settlement.postings import (  # noqa: E402
    post_fulfillment_delivered,
    post_payment_confirmed,
    post_payments_confirmed,
)
from marketplace.settlement.reconciliation import check_ledger  # noqa: E402


class QueryCount:
    """Counts every query on the connection (the debug query log stops at 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)


BATCH = 5_000
COMMITTED = int(os.environ.get("BENCH_SETTLEMENT_COMMITTED", "2000"))


def recreate_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database() -> None:
    connection.close()
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def make_groups() -> list[int]:
    regencies = list(Regency.objects.values_list("code", flat=True)[:50])
    groups = UppksGroup.objects.bulk_create(
        [
            UppksGroup(
                code=f"BENCH-{n:05d}",
                name=f"UPPKS Bench {n}",
                slug=f"uppks-bench-{n}",
                regency_id=regencies[n % len(regencies)],
                phone=f"+62812{3400000 + n:07d}",
            )
            for n in range(GROUPS)
        ],
        batch_size=BATCH,
    )
    PayoutAccount.objects.bulk_create(
        [
            PayoutAccount(
                group=group,
                bank_code="002",
                account_number=f"{123400000000000 + group.pk:015d}",
                holder_name=f"Bendahara {group.name}",
                approved_at=timezone.now(),
            )
            for group in groups
        ],
        batch_size=BATCH,
    )
    return [group.pk for group in groups]


def make_orders(group_ids: list[int]) -> None:
    rng = random.Random(11)  # noqa: S311 - benchmark data
    regency = Regency.objects.select_related("province").first()
    now = timezone.now()
    for start in range(0, ORDERS, BATCH):
        size = min(BATCH, ORDERS - start)
        plans = []
        for n in range(start, start + size):
            totals = [rng.randrange(10_000, 400_000, 500) for _ in range(rng.randint(1, 3))]
            plans.append((n, group_ids[n % len(group_ids)], totals, rng.choice([9_000, 15_000])))
        orders = Order.objects.bulk_create(
            [
                Order(
                    number=10_000_000 + n,
                    email=f"pembeli{n}@example.id",
                    status=OrderStatus.UNFULFILLED,
                    charge_status=OrderChargeStatus.FULLY_CHARGED,
                    subtotal=sum(totals),
                    shipping_total=shipping,
                    total=sum(totals) + shipping,
                    total_charged=sum(totals) + shipping,
                    first_name="Putu",
                    street_address_1="Jl. Gajah Mada 12",
                    postal_code="80711",
                    regency_id=regency.pk,
                    province_id=regency.province_id,
                    paid_at=now,
                )
                for n, _group, totals, shipping in plans
            ]
        )
        Fulfillment.objects.bulk_create(
            [
                Fulfillment(order=order, group_id=group, shipping_price=shipping)
                for order, (_n, group, _totals, shipping) in zip(orders, plans, strict=True)
            ]
        )
        OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order=order,
                    product_name="Sabun Propolis",
                    sku=f"B-{n}-{index}",
                    quantity=1,
                    unit_price=total,
                    total_price=total,
                    group_id=group,
                    routing_reason=RoutingReason.OWN_GROUP,
                    commission_percent=Decimal("10"),
                )
                for order, (n, group, totals, _s) in zip(orders, plans, strict=True)
                for index, total in enumerate(totals)
            ]
        )


def main() -> None:
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, PostgreSQL {PG.rsplit('@', 1)[-1]}"
    )
    recreate_database()
    try:
        call_command("migrate", verbosity=0)
        t0 = time.perf_counter()
        group_ids = make_groups()
        make_orders(group_ids)
        print(
            f"setup: {GROUPS:,} groups, {ORDERS:,} paid orders in {time.perf_counter() - t0:.1f} s"
        )
        run(group_ids)
    finally:
        drop_database()


def run(group_ids: list[int]) -> None:
    orders = list(Order.objects.order_by("pk").only("pk"))
    with QueryCount() as sample:
        for order in orders[:100]:
            with transaction.atomic():
                post_payment_confirmed(order)
    per_order = sample.count / 100
    # a) as confirm_payment runs: one transaction (and one commit) per order
    committed = orders[100 : 100 + COMMITTED]
    before = LedgerEntry.objects.count()
    t0 = time.perf_counter()
    for order in committed:
        with transaction.atomic():
            post_payment_confirmed(order)
    elapsed = time.perf_counter() - t0
    made = LedgerEntry.objects.count() - before
    print(
        f"payment postings, one commit per order: {len(committed):,} orders, {made:,} entries; "
        f"{len(committed) / elapsed:,.0f} orders/s, {made / elapsed:,.0f} entries/s, "
        f"{per_order:.1f} queries per order"
    )
    # b) the rest through the bulk posting (post_missing_payments), 500 orders per transaction
    rest = [order.pk for order in orders[100 + COMMITTED :]]
    before = LedgerEntry.objects.count()
    with QueryCount() as bulk_queries:
        t0 = time.perf_counter()
        for start in range(0, len(rest), 500):
            post_payments_confirmed(rest[start : start + 500])
        elapsed = time.perf_counter() - t0
    made = LedgerEntry.objects.count() - before
    print(
        f"payment postings, bulk 500 orders per transaction: {len(rest):,} orders, "
        f"{made:,} entries; {len(rest) / elapsed:,.0f} orders/s, {made / elapsed:,.0f} entries/s, "
        f"{bulk_queries.count / max(len(rest), 1):.2f} queries per order"
    )
    print(f"ledger: {LedgerEntry.objects.count():,} entries for {len(orders):,} paid orders")

    fulfillments = list(Fulfillment.objects.order_by("pk").only("pk", "order_id", "group_id"))
    fulfillments = fulfillments[: 2 * len(group_ids)]  # two deliveries per group
    Fulfillment.objects.filter(pk__in=[f.pk for f in fulfillments]).update(
        status=FulfillmentStatus.DELIVERED
    )
    t0 = time.perf_counter()
    for start in range(0, len(fulfillments), 500):
        with transaction.atomic():
            for fulfillment in fulfillments[start : start + 500]:
                post_fulfillment_delivered(fulfillment)
    elapsed = time.perf_counter() - t0
    print(
        f"deliveries (500 per commit): {len(fulfillments):,} released, "
        f"{len(fulfillments) / elapsed:,.0f}/s"
    )

    with QueryCount() as queries:
        t0 = time.perf_counter()
        batch = run_payouts(minimum=1)
        elapsed = time.perf_counter() - t0
    print(
        f"payout run: {batch.line_count:,} groups, Rp {batch.total_amount:,} in {elapsed:.2f} s, "
        f"{queries.count} queries"
    )
    with QueryCount() as queries:
        t0 = time.perf_counter()
        mark_batch_paid(batch.pk, actor=None)
        elapsed = time.perf_counter() - t0
    print(
        f"mark batch paid: {elapsed:.2f} s, {queries.count:,} queries "
        f"(payout_sent notices to {batch.line_count:,} groups)"
    )
    t0 = time.perf_counter()
    check = check_ledger()
    print(
        f"reconciliation check: {'ok' if check.ok else check.problems[:3]} over "
        f"{LedgerEntry.objects.count():,} entries in {time.perf_counter() - t0:.2f} s"
    )
    if not check.ok or batch.line_count != len(group_ids):
        raise SystemExit("settlement bench: ledger does not agree")


if __name__ == "__main__":
    main()
