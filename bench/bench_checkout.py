"""Checkout completion: completions per second for a 1-line and a 5-group order, on PostgreSQL.

Sets up its own database (``pasar_bench_checkout``): 5 groups in 5 provinces, each making one
product stocked by itself (1,000,000 units), and ready-to-complete checkouts inserted in bulk.
Then, measured one completion per transaction, as the storefront does it:

1. ``complete_checkout`` for a 1-line cart (one group) and for a 5-line cart (five groups, so
   five fulfilments and five shipping prices);
2. the baseline for each: one transaction that only inserts the same rows (order, lines,
   fulfilments, fulfilment lines, the outbox row) and deletes the checkout, with no locks,
   routing, stock check or allocation;
3. the same 1-line completion from 4 threads at once on one hot stock row (lock contention).

Run: ``.venv/bin/python bench/bench_checkout.py`` (``make bench`` runs it);
``BENCH_CHECKOUTS`` changes how many completions each case measures.
"""

import os
import platform
import statistics
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COMPLETIONS = int(os.environ.get("BENCH_CHECKOUTS", "300"))
THREADS = 4
DB_NAME = "pasar_bench_checkout"
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
from django.db import connection, connections, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace.catalog.models import (  # noqa: E402
    Category,
    Product,
    ProductStatus,
    ProductVariant,
    Stock,
)
from marketplace.checkout.models import Checkout, CheckoutLine  # noqa: E402
from marketplace.checkout.services import complete_checkout  # noqa: E402
from marketplace.groups.models import UppksGroup  # noqa: E402
from marketplace.notifications.models import OutboxMessage  # noqa: E402
from marketplace.orders.models import (  # noqa: E402
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderLine,
    RoutingReason,
)
from marketplace.orders.numbers import next_order_number  # noqa: E402
from marketplace.regions.models import District  # noqa: E402

REGENCIES = ["51.05", "11.04", "31.74", "33.72", "73.71"]  # Klungkung, Aceh Tengah, …
DESTINATION = "51.05"


def recreate_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database() -> None:
    connections.close_all()
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def make_catalog() -> list[ProductVariant]:
    category = Category.objects.get(slug="anyaman")
    variants = []
    for n, regency in enumerate(REGENCIES):
        group = UppksGroup.objects.create(
            code=f"BENCH-{n}",
            name=f"UPPKS Bench {n}",
            slug=f"uppks-bench-{n}",
            regency_id=regency,
            phone=f"+6281234000{n:02d}",
        )
        product = Product.objects.create(
            group=group,
            category=category,
            name=f"Produk {n}",
            slug=f"produk-{n}",
            status=ProductStatus.APPROVED,
        )
        variant = ProductVariant.objects.create(
            product=product, sku=f"BENCH-SKU-{n}", price=25_000 + n * 1000, weight_g=400
        )
        Stock.objects.create(variant=variant, group=group, quantity=1_000_000)
        variants.append(variant)
    return variants


def make_checkouts(count: int, variants: list[ProductVariant]) -> list[int]:
    district = District.objects.filter(regency_id=DESTINATION).order_by("code").first()
    checkouts = Checkout.objects.bulk_create(
        [
            Checkout(
                email=f"pembeli{n}@example.id",
                first_name="Komang",
                street_address_1="Jl. Flamboyan No. 3, RT 001/RW 004",
                postal_code="80712",
                district=district,
                regency_id=DESTINATION,
                province_id=DESTINATION[:2],
            )
            for n in range(count)
        ]
    )
    CheckoutLine.objects.bulk_create(
        [
            CheckoutLine(checkout=checkout, variant=variant, quantity=1 + (n % 3))
            for checkout in checkouts
            for n, variant in enumerate(variants)
        ]
    )
    return [checkout.pk for checkout in checkouts]


def baseline_insert(checkout_id: int, variants: list[ProductVariant]) -> None:
    """The same rows, inserted without locks, routing, stock checks or allocation."""
    with transaction.atomic():
        checkout = Checkout.objects.get(pk=checkout_id)
        lines = list(checkout.lines.all())
        order = Order.objects.create(
            number=next_order_number(),
            email=checkout.email,
            first_name=checkout.first_name,
            street_address_1=checkout.street_address_1,
            postal_code=checkout.postal_code,
            district_id=checkout.district_id,
            regency_id=checkout.regency_id,
            province_id=checkout.province_id,
            expires_at=timezone.now(),
        )
        by_variant = {variant.pk: variant for variant in variants}
        for line in lines:
            variant = by_variant[line.variant_id]
            fulfillment = Fulfillment.objects.create(
                order=order, group_id=variant.product.group_id, shipping_price=9_000
            )
            order_line = OrderLine.objects.create(
                order=order,
                variant=variant,
                product_name=variant.product.name,
                sku=variant.sku,
                quantity=line.quantity,
                unit_price=variant.price,
                total_price=variant.price * line.quantity,
                group_id=variant.product.group_id,
                routing_reason=RoutingReason.OWN_GROUP,
                commission_percent=Decimal("5"),
            )
            FulfillmentLine.objects.create(
                fulfillment=fulfillment, order_line=order_line, quantity=line.quantity
            )
        OutboxMessage.objects.create(
            event="order_placed",
            channel="email",
            recipient=order.email,
            subject_type="orders.order",
            subject_id=str(order.pk),
            dedupe_key=f"baseline:{order.pk}",
        )
        checkout.delete()


def timed(label: str, ids: list[int], run) -> float:
    durations = []
    for checkout_id in ids:
        start = time.perf_counter()
        run(checkout_id)
        durations.append(time.perf_counter() - start)
    total = sum(durations)
    rate = len(ids) / total
    p95 = statistics.quantiles(durations, n=20)[-1] * 1000
    print(
        f"  {label:<38} {rate:8.1f}/s   median {statistics.median(durations) * 1000:6.2f} ms"
        f"   p95 {p95:6.2f} ms"
    )
    return rate


def queries(run, checkout_id: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        run(checkout_id)
    return len(captured.captured_queries)


def concurrent(ids: list[int]) -> float:
    chunks = [ids[n::THREADS] for n in range(THREADS)]
    errors = []

    def worker(chunk):
        try:
            for checkout_id in chunk:
                complete_checkout(checkout_id)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"concurrent completions failed: {errors[:3]}")
    return len(ids) / elapsed


def main() -> None:
    print(
        f"checkout completion bench: {COMPLETIONS} completions per case, "
        f"{platform.node()} ({os.cpu_count()} CPUs), Python {platform.python_version()}"
    )
    recreate_database()
    try:
        call_command("migrate", verbosity=0)
        variants = make_catalog()
        one = variants[:1]
        cases = {}
        for name, lines in (("1-line order", one), ("5-group order", variants)):
            real = make_checkouts(COMPLETIONS + 1, lines)
            base = make_checkouts(COMPLETIONS + 1, lines)
            cases[name] = (
                queries(complete_checkout, real.pop()),
                queries(lambda pk, v=lines: baseline_insert(pk, v), base.pop()),
                real,
                base,
                lines,
            )
        print("completions per second (one transaction each, sequential):")
        ratios = {}
        for name, (real_queries, base_queries, real, base, lines) in cases.items():
            print(f"{name}: {real_queries} queries per completion, baseline {base_queries}")
            rate = timed(f"complete_checkout ({name})", real, complete_checkout)
            baseline = timed(
                f"baseline inserts ({name})", base, lambda pk, v=lines: baseline_insert(pk, v)
            )
            ratios[name] = baseline / rate
            print(f"  ratio baseline / complete_checkout: {ratios[name]:.2f}×")
        hot = make_checkouts(COMPLETIONS, one)
        rate = concurrent(hot)
        stock = Stock.objects.get(variant=one[0])
        print(
            f"{THREADS} threads, one hot stock row: {rate:.1f} completions/s; "
            f"allocated {stock.quantity_allocated} (expected {expected_allocated(one[0])})"
        )
    finally:
        drop_database()


def expected_allocated(variant: ProductVariant) -> int:
    allocated = OrderLine.objects.filter(variant=variant, fulfillment_lines__stock__isnull=False)
    return sum(allocated.values_list("quantity", flat=True))


if __name__ == "__main__":
    main()
