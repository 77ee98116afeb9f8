"""Staff reports: the national report over 2,000 groups and 200,000 paid orders.

Sets up its own PostgreSQL database (``<name of DATABASE_URL's database or pasar>_bench_reports``,
created afresh and dropped at the end), fills it with 2,000 groups spread over every province's
regencies, 4,000 products, 500 partnerships, 200,000 paid orders over ten months of 2026 (with
260,000 lines and 200,000 fulfilments in every state), then measures:

1. ``build_report`` for the whole country (one row per province) — wall time and query count;
2. the national report page rendered through Django (login, view, template), as staff see it;
3. the Bali report (one row per kabupaten/kota) and the national XLSX export.

Each figure is the median of 5 runs after one warm-up. Run: ``.venv/bin/python
bench/bench_reports.py`` (``make bench`` runs it). Sizes: BENCH_REPORT_ORDERS, BENCH_REPORT_GROUPS;
BENCH_REPORTS_KEEP=1 keeps the database, BENCH_REPORTS_REUSE=1 measures again on a kept one.
"""

import os
import platform
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ORDERS = int(os.environ.get("BENCH_REPORT_ORDERS", "200000"))
GROUPS = int(os.environ.get("BENCH_REPORT_GROUPS", "2000"))
RUNS = 5
BASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pasar")
_url = urlparse(BASE_URL)
DB_NAME = f"{_url.path.lstrip('/') or 'pasar'}_bench_reports"
SERVER = f"{_url.scheme}://{_url.netloc}"
os.environ.update(
    {
        "DATABASE_URL": f"{SERVER}/{DB_NAME}",
        "SECRET_KEY": "bench-only-secret-key",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "memory://",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "LOG_LEVEL": "ERROR",
        "CONN_MAX_AGE": "3600",
    }
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.test_settings")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from marketplace.accounts.models import StaffRole, User  # noqa: E402
from marketplace.catalog.models import Category, Product, ProductStatus, ProductVariant  # noqa: E402
from marketplace.groups.models import Partner, Partnership, UppksGroup  # noqa: E402
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
from marketplace.reports.exports import to_xlsx  # noqa: E402
from marketplace.reports.queries import build_report  # noqa: E402

WIB = ZoneInfo("Asia/Jakarta")
START, END = datetime(2026, 1, 1, tzinfo=WIB), datetime(2026, 11, 1, tzinfo=WIB)
BATCH = 5_000


def admin_sql(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def fill() -> None:
    rng = random.Random(20261123)
    regencies = list(Regency.objects.values_list("code", flat=True))
    rng.shuffle(regencies)
    groups = UppksGroup.objects.bulk_create(
        UppksGroup(
            code=f"BENCH-{n:05d}",
            name=f"UPPKS Bench {n}",
            slug=f"uppks-bench-{n}",
            regency_id=regencies[n % len(regencies)],
            phone=f"+62812{3400000 + n:07d}",
            is_active=n % 50 != 0,
        )
        for n in range(GROUPS)
    )
    # Registered well before the period (auto_now_add ignores a given value).
    UppksGroup.objects.update(created_at=datetime(2025, 6, 1, tzinfo=WIB))
    categories = list(Category.objects.filter(requires_permit=False, parent__isnull=False))
    products = Product.objects.bulk_create(
        Product(
            group=groups[n % GROUPS],
            category=categories[n % len(categories)],
            name=f"Produk {n}",
            slug=f"produk-bench-{n}",
            status=ProductStatus.APPROVED if n % 3 else ProductStatus.SUBMITTED,
        )
        for n in range(GROUPS * 2)
    )
    variants = ProductVariant.objects.bulk_create(
        ProductVariant(
            product=p, sku=f"B-{p.pk}", price=rng.randrange(10, 300) * 1000, weight_g=400
        )
        for p in products
    )
    partners = Partner.objects.bulk_create(Partner(name=f"Mitra Bench {n}") for n in range(100))
    Partnership.objects.bulk_create(
        Partnership(partner=partners[n % 100], group=groups[(n * 7) % GROUPS], is_active=n % 5 != 0)
        for n in range(GROUPS // 4)
    )
    span = (END - START).total_seconds()
    statuses = [FulfillmentStatus.DELIVERED] * 14 + [
        FulfillmentStatus.SHIPPED,
        FulfillmentStatus.SHIPPED,
        FulfillmentStatus.ACCEPTED,
        FulfillmentStatus.NEW,
        FulfillmentStatus.REJECTED,
        FulfillmentStatus.CANCELED,
    ]
    regency_province = dict(Regency.objects.values_list("code", "province_id"))
    for first in range(0, ORDERS, BATCH):
        orders, lines, fulfillments = [], [], []
        for n in range(first, min(first + BATCH, ORDERS)):
            paid = START + timedelta(seconds=rng.random() * span)
            regency = regencies[rng.randrange(len(regencies))]
            order = Order(
                number=100_000 + n,
                email=f"pembeli{n}@example.id",
                status=OrderStatus.FULFILLED,
                charge_status=OrderChargeStatus.FULLY_CHARGED,
                first_name="Pembeli",
                street_address_1="Jl. Bench 1",
                postal_code="80711",
                regency_id=regency,
                province_id=regency_province[regency],
                paid_at=paid,
            )
            orders.append(order)
        Order.objects.bulk_create(orders)
        for order in orders:
            picks = [variants[rng.randrange(len(variants))]]
            if rng.random() < 0.3:
                picks.append(variants[rng.randrange(len(variants))])
            seen_groups = set()
            for variant in picks:
                group_id = variant.product.group_id
                quantity = rng.randrange(1, 4)
                lines.append(
                    OrderLine(
                        order=order,
                        variant=variant,
                        product_name=variant.product.name,
                        sku=variant.sku,
                        quantity=quantity,
                        unit_price=variant.price,
                        total_price=variant.price * quantity,
                        weight_g=400,
                        group_id=group_id,
                        routing_reason=RoutingReason.OWN_GROUP,
                        commission_percent=Decimal("5"),
                    )
                )
                if group_id in seen_groups:
                    continue
                seen_groups.add(group_id)
                status = rng.choice(statuses)
                accepted = order.paid_at + timedelta(minutes=rng.randrange(10, 60 * 48))
                shipped = accepted + timedelta(minutes=rng.randrange(30, 60 * 72))
                fulfillments.append(
                    Fulfillment(
                        order=order,
                        group_id=group_id,
                        status=status,
                        accepted_at=accepted
                        if status not in ("new", "rejected", "canceled")
                        else None,
                        shipped_at=shipped if status in ("shipped", "delivered") else None,
                    )
                )
        OrderLine.objects.bulk_create(lines)
        Fulfillment.objects.bulk_create(fulfillments)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def backend_cpu_seconds(pid: int) -> float:
    """CPU time used so far by a PostgreSQL backend on this machine (from /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(function) -> tuple[float, float, int, float]:
    """Median and worst wall time, query count, and median CPU (Python + PostgreSQL).

    On a shared machine the wall time mostly measures the queue for the CPU; the CPU time is
    what one report costs, and is its wall time on an idle machine (the work is sequential).
    """
    function()  # warm-up
    pid = backend_pid()  # one connection throughout (CONN_MAX_AGE keeps it over requests)
    times, cpus, queries = [], [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            db_before, py_before = backend_cpu_seconds(pid), time.process_time()
            began = time.perf_counter()
            function()
            times.append(time.perf_counter() - began)
            used = time.process_time() - py_before + backend_cpu_seconds(pid) - db_before
            cpus.append(used)
        queries = len(captured.captured_queries)
    return statistics.median(times), max(times), queries, statistics.median(cpus)


def main() -> None:
    # BENCH_REPORTS_REUSE=1 measures again on the database a previous run left (loading takes
    # minutes on a busy machine); without it the database is made afresh and dropped at the end.
    reuse = os.environ.get("BENCH_REPORTS_REUSE") == "1"
    if not reuse:
        admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
        admin_sql(f'CREATE DATABASE "{DB_NAME}"')
    try:
        call_command("migrate", verbosity=0)
        began = time.perf_counter()
        if not (reuse and Order.objects.exists()):
            fill()
        print(
            f"data: {UppksGroup.objects.count():,} groups, {Order.objects.count():,} orders, "
            f"{OrderLine.objects.count():,} lines, {Fulfillment.objects.count():,} fulfilments "
            f"(loaded in {time.perf_counter() - began:.0f} s)"
        )
        staff, _ = User.objects.get_or_create(
            email="bench@bkkbn.go.id",
            defaults={"is_staff": True, "staff_role": StaffRole.NATIONAL_ADMIN},
        )
        client = Client()
        client.force_login(staff)
        period = {"start": "2026-01-01", "end": "2026-10-31"}
        start, end = START.date(), (END - timedelta(days=1)).date()

        def page():
            response = client.get("/admin/reports/", period)
            assert response.status_code == 200, response.status_code

        def bali_page():
            response = client.get("/admin/reports/", {**period, "province": "51"})
            assert response.status_code == 200, response.status_code

        cases = [
            ("national build_report (38 provinces)", lambda: build_report(start=start, end=end)),
            ("national report page (view + template)", page),
            ("Bali report page (per kabupaten/kota)", bali_page),
            ("national XLSX export", lambda: to_xlsx(build_report(start=start, end=end))),
        ]
        report = build_report(start=start, end=end)
        print(
            f"check: {report.total.orders:,} orders, GMV Rp {report.total.gmv:,}, "
            f"{report.total.groups_registered:,} groups registered"
        )
        print(
            f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}, PostgreSQL {connection.pg_version // 10000}"
        )
        for name, function in cases:
            median, worst, queries, cpu = timed(function)
            print(
                f"{name}: wall median {median * 1000:.0f} ms (max {worst * 1000:.0f} ms), "
                f"CPU {cpu * 1000:.0f} ms, {queries} queries"
            )
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"database size: {cursor.fetchone()[0]}")
        load = os.getloadavg()
        print(f"load average during the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    finally:
        connections.close_all()
        if os.environ.get("BENCH_REPORTS_KEEP") != "1":
            admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}"')


if __name__ == "__main__":
    main()
