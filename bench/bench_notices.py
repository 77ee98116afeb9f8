"""Notices: throughput through one Celery worker process, and commit → SMTP latency.

Sets up its own PostgreSQL database (``pasar_bench_notices``), its own redis-server on a free
port, an aiosmtpd server on loopback and one ``celery worker --pool=solo`` subprocess. Then:

1. burst: 2,000 paid orders, each committing its order-routed notice (one email to the group)
   in its own transaction as fast as one producer can, while the worker drains the queue;
   latency = SMTP server's receipt time − the producer's commit time, per notice;
2. backlog: 2,000 more notices committed with the worker stopped, then the worker started;
   throughput = notices / (last SMTP receipt − first SMTP receipt).

Run: ``.venv/bin/python bench/bench_notices.py`` (``make bench`` runs it).
"""

import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BURST = int(os.environ.get("BENCH_NOTICES", "2000"))
GROUPS = 20
DB_NAME = "pasar_bench_notices"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


REDIS_PORT, SMTP_PORT = free_port(), free_port()
QUEUE = f"bench-{uuid.uuid4().hex[:8]}"
BROKER = f"redis://127.0.0.1:{REDIS_PORT}/0"
ENV = {
    "DJANGO_SETTINGS_MODULE": "marketplace.settings",
    "DATABASE_URL": f"{PG}/{DB_NAME}",
    "REDIS_URL": BROKER,
    "CELERY_BROKER_URL": BROKER,
    "CELERY_TASK_ALWAYS_EAGER": "false",
    "NOTIFICATION_QUEUE": QUEUE,
    "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key",
    "LOG_LEVEL": "WARNING",
    "CONN_MAX_AGE": "60",  # as production runs the worker: one DB connection per process
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace.catalog.models import Category, Product, ProductVariant, Stock  # noqa: E402
from marketplace.groups.models import UppksGroup  # noqa: E402
from marketplace.notifications.models import Channel, OutboxMessage, OutboxStatus  # noqa: E402
from marketplace.notifications.outbox import Recipient, enqueue  # noqa: E402
from marketplace.notifications.reminders import reminder_context  # noqa: E402
from marketplace.orders.models import (  # noqa: E402
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderLine,
    OrderStatus,
    RoutingReason,
)
from marketplace.regions.models import Regency  # noqa: E402


class Sink:
    """SMTP handler: receipt time per outbox id (taken from the stable Message-ID)."""

    ID = re.compile(rb"Message-ID: <pasar-uppks-(\d+)-", re.IGNORECASE)

    def __init__(self):
        self.received: dict[int, float] = {}
        self.duplicates = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        match = self.ID.search(envelope.original_content)
        if match:
            with self.lock:
                pk = int(match.group(1))
                if pk in self.received:
                    self.duplicates += 1
                else:
                    self.received[pk] = now
        return "250 OK"

    def wait(self, ids: list[int], timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        wanted = set(ids)
        while time.monotonic() < deadline:
            with self.lock:
                if wanted <= self.received.keys():
                    return
            time.sleep(0.05)
        raise SystemExit(f"only {len(wanted & self.received.keys())} of {len(ids)} delivered")


def recreate_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def start_worker(log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "marketplace",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "-Q",
            QUEUE,
            "-n",
            f"{QUEUE}@%h",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env={**os.environ, **ENV},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if " ready." in log.read_text(errors="replace"):
            return process
        if process.poll() is not None:
            raise SystemExit(log.read_text()[-2000:])
        time.sleep(0.05)
    raise SystemExit("worker not ready")


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def make_orders(count: int, offset: int):
    """Paid orders with one line each, routed to one of the groups; bulk-inserted."""
    regency = Regency.objects.select_related("province").get(code="51.05")
    groups = list(UppksGroup.objects.order_by("pk"))
    if not groups:
        category = Category.objects.get(slug="anyaman")
        groups = UppksGroup.objects.bulk_create(
            UppksGroup(
                code=f"BENCH-{n:03d}",
                name=f"UPPKS Bench {n}",
                slug=f"uppks-bench-{n}",
                regency=regency,
                phone=f"+62812{7000000 + n:07d}",
                email=f"kelompok{n}@example.id",
            )
            for n in range(GROUPS)
        )
        products = Product.objects.bulk_create(
            Product(group=g, category=category, name=f"Tas Pandan {g.code}", slug=g.slug)
            for g in groups
        )
        variants = ProductVariant.objects.bulk_create(
            ProductVariant(product=p, sku=f"SKU-{p.slug}", price=85_000, weight_g=400)
            for p in products
        )
        Stock.objects.bulk_create(
            Stock(variant=v, group=g, quantity=1_000_000)
            for v, g in zip(variants, groups, strict=True)
        )
    variants = {v.product.group_id: v for v in ProductVariant.objects.select_related("product")}
    stocks = {s.group_id: s for s in Stock.objects.all()}
    now = timezone.now()
    orders = Order.objects.bulk_create(
        Order(
            number=900_000 + offset + i,
            email=f"pembeli{offset + i}@example.id",
            status=OrderStatus.UNFULFILLED,
            first_name="Putu",
            street_address_1="Jl. Gajah Mada 12, RT 002/RW 001",
            postal_code="80711",
            regency=regency,
            province=regency.province,
            subtotal=170_000,
            shipping_total=9_000,
            total=179_000,
            total_charged=179_000,
            paid_at=now,
        )
        for i in range(count)
    )
    lines, fulfillments = [], []
    for i, order in enumerate(orders):
        group = groups[i % len(groups)]
        variant = variants[group.pk]
        lines.append(
            OrderLine(
                order=order,
                variant=variant,
                product_name=variant.product.name,
                variant_name="Sedang",
                sku=variant.sku,
                quantity=2,
                unit_price=85_000,
                total_price=170_000,
                group=group,
                routing_reason=RoutingReason.OWN_GROUP,
                commission_percent=Decimal("5"),
            )
        )
        fulfillments.append(Fulfillment(order=order, group=group, shipping_price=9_000))
    OrderLine.objects.bulk_create(lines)
    Fulfillment.objects.bulk_create(fulfillments)
    FulfillmentLine.objects.bulk_create(
        FulfillmentLine(fulfillment=f, order_line=line, quantity=2, stock=stocks[f.group_id])
        for f, line in zip(fulfillments, lines, strict=True)
    )
    return Fulfillment.objects.filter(order__in=orders).select_related(
        "order__regency", "order__district", "group"
    )


def commit_notices(fulfillments) -> dict[int, float]:
    """One transaction per order: its routed notice; returns outbox id → commit time."""
    committed = {}
    now = timezone.now()
    for fulfillment in fulfillments:
        with transaction.atomic():
            (message,) = enqueue(
                "fulfillment_accept_reminder",
                about=fulfillment,
                recipients=[Recipient(Channel.EMAIL, fulfillment.group.email, "id")],
                context=reminder_context(fulfillment, now),
            )
        committed[message.pk] = time.time()
    return committed


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    workdir = Path(f"/tmp/bench-notices-{uuid.uuid4().hex[:6]}")
    workdir.mkdir()
    redis_server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
    )
    sink = Sink()
    smtp = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
    smtp.start()
    worker = None
    try:
        recreate_database()
        call_command("migrate", verbosity=0)
        burst = list(make_orders(BURST, 0))
        backlog = list(make_orders(BURST, BURST))
        connection.close()
        log = workdir / "worker.log"

        # 1. burst while the worker drains
        worker = start_worker(log)
        started = time.time()
        committed = commit_notices(burst)
        produced = time.time() - started
        sink.wait(list(committed))
        latencies = [sink.received[pk] - at for pk, at in committed.items()]
        burst_span = max(sink.received[pk] for pk in committed) - started

        # 2. backlog drained by one worker process
        stop_worker(worker)
        worker = None
        queued = commit_notices(backlog)
        worker = start_worker(log)
        sink.wait(list(queued))
        receipts = sorted(sink.received[pk] for pk in queued)
        drain = receipts[-1] - receipts[0]

        sent = OutboxMessage.objects.filter(status=OutboxStatus.SENT).count()
        print(
            f"machine: {platform.node()} {os.cpu_count()} CPUs, Python {platform.python_version()}"
        )
        print(f"burst of {BURST} orders (one notice each), one worker process (--pool=solo):")
        print(f"  producer commits/s: {BURST / produced:,.0f}")
        print(f"  commit -> SMTP latency min: {min(latencies) * 1000:,.0f} ms")
        print(f"  commit -> SMTP latency p50: {statistics.median(latencies) * 1000:,.0f} ms")
        print(f"  commit -> SMTP latency p95: {percentile(latencies, 95) * 1000:,.0f} ms")
        print(f"  commit -> SMTP latency max: {max(latencies) * 1000:,.0f} ms")
        print(f"  all {BURST} delivered {burst_span:.1f} s after the first commit")
        print(f"backlog of {BURST} queued notices drained by one worker process:")
        print(f"  notices/s: {(BURST - 1) / drain:,.0f}  ({drain:.1f} s)")
        print(
            f"outbox rows sent: {sent} of {2 * BURST}; duplicate SMTP deliveries: {sink.duplicates}"
        )
        if sent != 2 * BURST or sink.duplicates:
            raise SystemExit("lost or duplicated notices")
    finally:
        if worker is not None:
            stop_worker(worker)
        smtp.stop()
        redis_server.terminate()
        redis_server.wait(timeout=10)
        connections.close_all()


if __name__ == "__main__":
    main()
