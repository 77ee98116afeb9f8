"""Purchase order completion vs a consumer checkout of the same lines (issue 18).

Sets up its own database (``pasar_bench_purchase_orders``): 10 groups in 5 provinces, two
products each (20 variants) with stock and a wholesale offer (MOQ 10, tiers 10+ / 50+, capacity
high enough for the whole run), and one approved hotel partner with a large credit limit.

Measured one completion per transaction, sequentially:

1. ``create_purchase_order`` of 20 lines over the 10 groups, on net 14 (credit check, ledger
   posting of the invoice, one part per group and the groups' notices) and paying now;
2. ``complete_checkout`` of a consumer cart with the same 20 variants and quantities (routing,
   stock allocation, 10 fulfilments and shipping prices, notices).

It prints queries per completion and median / p95 time, and the PO / checkout ratios (the
issue asks for at most 2x in both). Run: ``.venv/bin/python bench/bench_purchase_orders.py``;
``BENCH_PURCHASE_ORDERS`` changes how many completions each case measures.
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COMPLETIONS = int(os.environ.get("BENCH_PURCHASE_ORDERS", "100"))
DB_NAME = "pasar_bench_purchase_orders"
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
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from marketplace.catalog.models import (  # noqa: E402
    Category,
    Product,
    ProductStatus,
    ProductVariant,
    Stock,
)
from marketplace.checkout.models import Checkout, CheckoutLine  # noqa: E402
from marketplace.checkout.services import complete_checkout  # noqa: E402
from marketplace.groups.models import GroupMember, Partner, PartnerKind, UppksGroup  # noqa: E402
from marketplace.partners.models import (  # noqa: E402
    AccountSource,
    AccountStatus,
    PartnerAccount,
    PartnerRole,
    PartnerUser,
)
from marketplace.partners.purchase_orders import LineRequest, create_purchase_order  # noqa: E402
from marketplace.partners.wholesale import set_wholesale_offer  # noqa: E402
from marketplace.regions.models import District  # noqa: E402

REGENCIES = ["51.05", "11.04", "31.74", "33.72", "73.71"]  # Klungkung, Aceh Tengah, …
DESTINATION = "51.03"  # Badung
GROUPS = 10
PER_GROUP = 2


def recreate_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database() -> None:
    connections.close_all()
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def make_catalog() -> list[ProductVariant]:
    category = Category.objects.get(slug="sabun")
    users = get_user_model().objects
    variants = []
    for n in range(GROUPS):
        group = UppksGroup.objects.create(
            code=f"BENCH-{n}",
            name=f"UPPKS Bench {n}",
            slug=f"uppks-bench-{n}",
            regency_id=REGENCIES[n % len(REGENCIES)],
            phone=f"+6281234000{n:02d}",
        )
        member = users.create_user(email=f"ketua{n}@example.id", password="x")
        GroupMember.objects.create(group=group, user=member, role="ketua")
        for k in range(PER_GROUP):
            product = Product.objects.create(
                group=group,
                category=category,
                name=f"Sabun {n}-{k}",
                slug=f"sabun-{n}-{k}",
                status=ProductStatus.APPROVED,
            )
            variant = ProductVariant.objects.create(
                product=product, sku=f"BENCH-{n}-{k}", price=15_000, weight_g=100
            )
            Stock.objects.create(variant=variant, group=group, quantity=10_000_000)
            set_wholesale_offer(
                group_id=group.pk,
                variant_id=variant.pk,
                min_order_quantity=10,
                lead_time_days=7,
                monthly_capacity=100_000_000,
                tiers=[(10, 12_000), (50, 10_500)],
            )
            variants.append(variant)
    return variants


def make_partner():
    district = District.objects.filter(regency_id=DESTINATION).order_by("code").first()
    partner = Partner.objects.create(
        name="Hotel Bench Kuta", kind=PartnerKind.HOTEL, regency_id=DESTINATION
    )
    account = PartnerAccount.objects.create(
        partner=partner,
        status=AccountStatus.APPROVED,
        source=AccountSource.STAFF,
        district=district,
        address="Jl. Pantai Kuta 1",
        credit_limit=10**15,
    )
    user = get_user_model().objects.create_user(email="pembelian@hotel.example.id", password="x")
    PartnerUser.objects.create(account=account, user=user, role=PartnerRole.ADMIN)
    return user


def quantity(n: int) -> int:
    return 10 + (n % 5) * 10  # 10 … 50 units, so both tiers are used


def make_checkouts(count: int, variants: list[ProductVariant]) -> list[int]:
    district = District.objects.filter(regency_id=DESTINATION).order_by("code").first()
    checkouts = Checkout.objects.bulk_create(
        [
            Checkout(
                email=f"pembeli{n}@example.id",
                first_name="Komang",
                street_address_1="Jl. Pantai Kuta 1",
                postal_code="80361",
                district=district,
                regency_id=DESTINATION,
                province_id=DESTINATION[:2],
            )
            for n in range(count)
        ]
    )
    CheckoutLine.objects.bulk_create(
        [
            CheckoutLine(checkout=checkout, variant=variant, quantity=quantity(n))
            for checkout in checkouts
            for n, variant in enumerate(variants)
        ]
    )
    return [checkout.pk for checkout in checkouts]


def measure(label: str, runs) -> tuple[int, float, float]:
    """(queries of the first run, median ms, p95 ms) over ``runs`` (callables)."""
    first, *rest = runs
    with CaptureQueriesContext(connection) as captured:
        first()
    durations = []
    for run in rest:
        start = time.perf_counter()
        run()
        durations.append(time.perf_counter() - start)
    median = statistics.median(durations) * 1000
    p95 = statistics.quantiles(durations, n=20)[-1] * 1000
    count = len(captured.captured_queries)
    print(f"  {label:<44} {count:4d} queries   median {median:7.2f} ms   p95 {p95:7.2f} ms")
    return count, median, p95


def main() -> None:
    print(
        f"purchase order bench: {COMPLETIONS} completions per case, 20 lines over 10 groups, "
        f"{platform.node()} ({os.cpu_count()} CPUs), Python {platform.python_version()}"
    )
    recreate_database()
    try:
        call_command("migrate", verbosity=0)
        variants = make_catalog()
        buyer = make_partner()
        lines = [LineRequest(v.pk, quantity(n)) for n, v in enumerate(variants)]
        checkouts = make_checkouts(COMPLETIONS + 1, variants)
        results = {}
        results["checkout"] = measure(
            "complete_checkout (consumer, same lines)",
            [lambda pk=pk: complete_checkout(pk) for pk in checkouts],
        )
        for terms in ("net14", "now"):
            results[terms] = measure(
                f"create_purchase_order (terms {terms})",
                [
                    lambda t=terms: create_purchase_order(buyer, lines, terms=t)
                    for _n in range(COMPLETIONS + 1)
                ],
            )
        base_queries, base_median, _p95 = results["checkout"]
        for terms in ("net14", "now"):
            po_queries, po_median, _p95 = results[terms]
            print(
                f"PO ({terms}) / checkout: queries {po_queries / base_queries:.2f}x, "
                f"median time {po_median / base_median:.2f}x (limit 2x)"
            )
    finally:
        drop_database()


if __name__ == "__main__":
    main()
