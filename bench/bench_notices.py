"""Notices: commit → delivery latency in a burst, and drain throughput, for 1 and 2 workers.

Sets up its own PostgreSQL database (``pasar_bench_notices``), its own redis-server on a free
port, an aiosmtpd server on loopback in a process of its own (the gateway: it records when each
notice arrives, keyed by its stable Message-ID) and real Celery workers
(``celery worker --pool=prefork --concurrency=N``, the docker-compose shape for N = 2). For
N = 1 and N = 2 worker processes:

1. burst: 2,000 paid orders, each committing its order-routed notice (``fulfillment_routed``,
   one email to the group's member) in its own transaction as fast as one producer can, while
   the workers drain the queue; latency = the SMTP server's receipt time − the commit time;
2. backlog: 2,000 more notices committed with the workers stopped, then the workers started;
   throughput = notices / (last SMTP receipt − first SMTP receipt).

Lost = committed but never received; doubled = received more than once (same Message-ID).
Run: ``.venv/bin/python bench/bench_notices.py`` (``make bench`` runs it).
"""

import multiprocessing
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BURST = int(os.environ.get("BENCH_NOTICES", "2000"))
GROUPS = 20
DB_NAME = os.environ.get("BENCH_DB", "pasar_bench_notices")
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

from marketplace.accounts.models import User  # noqa: E402
from marketplace.catalog.models import Category, Product, ProductVariant, Stock  # noqa: E402
from marketplace.groups.models import GroupMember, UppksGroup  # noqa: E402
from marketplace.notifications.models import OutboxMessage, OutboxStatus  # noqa: E402
from marketplace.orders.models import (  # noqa: E402
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderLine,
    OrderStatus,
    RoutingReason,
)
from marketplace.orders.notices import fulfillment_routed  # noqa: E402
from marketplace.regions.models import Regency  # noqa: E402


def run_sink(port: int, path: str) -> None:
    """The SMTP server (own process): appends ``<outbox id> <receipt time> <peer port>``."""
    pattern = re.compile(rb"Message-ID: <pasar-uppks-(\d+)-", re.IGNORECASE)
    out = open(path, "a", buffering=1)  # noqa: SIM115 - lives as long as the process

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            now = time.time()
            match = pattern.search(envelope.original_content)
            if match:
                out.write(f"{int(match.group(1))} {now:.6f} {session.peer[1]}\n")
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    signal.sigwait({signal.SIGTERM})
    controller.stop()
    out.close()


class Sink:
    """Reads what the SMTP server process received: first receipt per id, repeats, peers."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0
        self.received: dict[int, float] = {}
        self.duplicates = 0
        self.peers: set[str] = set()

    def poll(self) -> None:
        with self.path.open() as handle:
            handle.seek(self.offset)
            data = handle.read()
        complete = data[: data.rfind("\n") + 1]
        self.offset += len(complete.encode())
        for line in complete.splitlines():
            pk, at, peer = line.split()
            self.peers.add(peer)
            if int(pk) in self.received:
                self.duplicates += 1
            else:
                self.received[int(pk)] = float(at)

    def wait(self, ids, timeout: float = 600) -> list[int]:
        """Wait for every id; returns the ids never received (lost) when the time is up."""
        deadline = time.monotonic() + timeout
        wanted = set(ids)
        while time.monotonic() < deadline:
            self.poll()
            if wanted <= self.received.keys():
                break
            time.sleep(0.05)
        time.sleep(1)  # let a late repeat arrive before counting doubles
        self.poll()
        return sorted(wanted - self.received.keys())


def recreate_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def start_worker(log: Path, concurrency: int) -> subprocess.Popen:
    """``celery worker`` as docker-compose runs it: prefork, ``concurrency`` processes."""
    offset = log.stat().st_size if log.exists() else 0
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "marketplace",
            "worker",
            "--pool=prefork",
            "-O",
            "fair",
            f"--concurrency={concurrency}",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "-Q",
            QUEUE,
            "-n",
            f"{QUEUE}-{concurrency}@%h",
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
        if " ready." in log.read_text(errors="replace")[offset:]:
            return process
        if process.poll() is not None:
            raise SystemExit(log.read_text()[-2000:])
        time.sleep(0.05)
    raise SystemExit("worker not ready")


def worker_cpu_seconds(process: subprocess.Popen) -> float:
    """CPU time (user + system) of every process of the worker's session, from /proc."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == process.pid:  # process group: the worker and its forked children
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def stop_worker(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)


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
                phone="",  # the member below is told by email only
                email=f"kelompok{n}@example.id",
            )
            for n in range(GROUPS)
        )
        users = User.objects.bulk_create(
            User(email=f"ketua{n}@example.id", first_name=f"Ketua {n}") for n in range(GROUPS)
        )
        GroupMember.objects.bulk_create(
            GroupMember(group=g, user=u, notify_email=True, notify_whatsapp=False)
            for g, u in zip(groups, users, strict=True)
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
    for fulfillment in fulfillments:
        with transaction.atomic():
            fulfillment_routed(fulfillment)
        (pk,) = OutboxMessage.objects.filter(
            subject_type="orders.fulfillment", subject_id=str(fulfillment.pk)
        ).values_list("pk", flat=True)
        committed[pk] = time.time()
    return committed


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def run(concurrency: int, burst, backlog, sink: Sink, log: Path) -> dict:
    """One worker shape: the burst while it drains, then the backlog it drains."""
    worker = start_worker(log, concurrency)
    try:
        started = time.time()
        committed = commit_notices(burst)
        produced = time.time() - started
        lost = sink.wait(committed)
        latencies = [sink.received[pk] - at for pk, at in committed.items() if pk not in lost]
        span = max(sink.received[pk] for pk in committed if pk not in lost) - started
    finally:
        stop_worker(worker)
    queued = commit_notices(backlog)
    worker = start_worker(log, concurrency)
    try:
        cpu_at_start = worker_cpu_seconds(worker)
        lost += sink.wait(queued)
        receipts = sorted(sink.received[pk] for pk in queued if pk in sink.received)
        drain_cpu = worker_cpu_seconds(worker) - cpu_at_start
    finally:
        stop_worker(worker)
    return {
        "produced": len(committed) / produced,
        "latencies": latencies,
        "span": span,
        "drain": receipts[-1] - receipts[0],
        "drain_cpu": drain_cpu,
        "lost": lost,
    }


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
    received = workdir / "received.txt"
    received.touch()
    smtp = multiprocessing.get_context("spawn").Process(
        target=run_sink, args=(SMTP_PORT, str(received)), daemon=True
    )
    smtp.start()
    sink = Sink(received)
    try:
        recreate_database()
        call_command("migrate", verbosity=0)
        shapes = (1, 2)
        orders = [
            (list(make_orders(BURST, 2 * n * BURST)), list(make_orders(BURST, (2 * n + 1) * BURST)))
            for n in range(len(shapes))
        ]
        connection.close()
        results = {}
        for concurrency, (burst, backlog) in zip(shapes, orders, strict=True):
            results[concurrency] = run(concurrency, burst, backlog, sink, workdir / "worker.log")
        sent = OutboxMessage.objects.filter(status=OutboxStatus.SENT).count()
        print(
            f"machine: {platform.node()} {os.cpu_count()} CPUs, Python {platform.python_version()},"
            f" load average {os.getloadavg()[0]:.1f}"
        )
        for concurrency, result in results.items():
            name = "1 worker" if concurrency == 1 else f"{concurrency} workers"
            latencies = result["latencies"]
            print(f"burst of {BURST} orders (one notice each), {name} (prefork):")
            print(f"  producer commits/s: {result['produced']:,.0f}")
            print(f"  p50 commit->delivery ({name}): {statistics.median(latencies) * 1000:,.0f} ms")
            print(f"  p95 commit->delivery ({name}): {percentile(latencies, 95) * 1000:,.0f} ms")
            print(f"  max commit->delivery ({name}): {max(latencies) * 1000:,.0f} ms")
            print(f"  all delivered {result['span']:.1f} s after the first commit")
            print(
                f"  backlog of {BURST} drained: {(BURST - 1) / result['drain']:,.0f} notices/s"
                f" ({result['drain']:.1f} s, {(BURST - 1) / result['drain'] / concurrency:,.0f}"
                " per worker process)"
            )
            print(
                f"  worker CPU per notice ({name}): {result['drain_cpu'] / BURST * 1000:.1f} ms"
                f" = {BURST / result['drain_cpu']:,.0f} notices per CPU-second (per core)"
            )
            print(f"  lost ({name}): {len(result['lost'])}")
        print(f"doubled (all runs): {sink.duplicates}")
        print(f"SMTP connections opened (all runs): {len(sink.peers)}")
        print(f"outbox rows sent: {sent} of {4 * BURST}")
        if any(result["lost"] for result in results.values()) or sink.duplicates:
            raise SystemExit("lost or duplicated notices")
    finally:
        smtp.terminate()
        smtp.join(timeout=10)
        redis_server.terminate()
        redis_server.wait(timeout=10)
        connections.close_all()


if __name__ == "__main__":
    main()
