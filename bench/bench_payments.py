"""Payments: webhook handling, bank-transfer amounts and card set-up against localstripe.

Sets up its own PostgreSQL database (``pasar_bench_payments``) and its own localstripe on a free
loopback port (through the tests' launcher, state in a temp folder). Then measures:

1. webhook: N signed ``payment_intent.succeeded`` events for N unpaid card orders, posted one by
   one through Django's full request stack (signature check, event store, order confirmation,
   outbox rows); latency per event and events per second;
2. replay: the same N events again (each must change nothing): latency per duplicate;
3. concurrent: N more events from 4 threads at once;
4. unique amounts: N bank-transfer orders with the same total get their unique-code amount;
5. card set-up: PaymentIntent creation through localstripe for 200 card orders;
6. Midtrans (issue 17): N QRIS charges through the official client against the tests' loopback
   Midtrans, then N signed ``settlement`` notifications applied and the same N replayed; a
   replay must cost at most a fifth of an applied notification (checked, p50 and p95);
7. Xendit (issue 17): N QRIS payment requests through ``xendit-python`` against the tests'
   loopback Xendit, then N ``payment.succeeded`` callbacks (``x-callback-token``) applied and
   the same N replayed; the same fifth is checked.

Run: ``.venv/bin/python bench/bench_payments.py`` (``make bench`` runs it). ``BENCH_PAYMENTS``
sets N (default 300); ``BENCH_ONLY=midtrans`` or ``BENCH_ONLY=xendit`` runs only issue 17's
parts (both online providers).
"""

import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

N = int(os.environ.get("BENCH_PAYMENTS", "300"))
CARD_SETUPS = 200
DB_NAME = "pasar_bench_payments"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
WEBHOOK_SECRET = "whsec_bench_payments"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


from tests.fixtures.midtrans import MidtransServer  # noqa: E402  (no Django needed)
from tests.fixtures.xendit import XenditServer  # noqa: E402

MIDTRANS = MidtransServer()
XENDIT = XenditServer()
STRIPE_PORT = free_port()
STATE_DIR = tempfile.mkdtemp(prefix="bench-localstripe-")
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "memory://",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": "dummymail://",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "ERROR",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_bench",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": f"http://127.0.0.1:{STRIPE_PORT}",
        "PAYMENT_PROOF_ROOT": str(Path(STATE_DIR) / "proofs"),
        "MIDTRANS_SERVER_KEY": MIDTRANS.server_key,
        "MIDTRANS_API_BASE_URL": MIDTRANS.url,
        "XENDIT_SECRET_KEY": XENDIT.secret_key,
        "XENDIT_CALLBACK_TOKEN": XENDIT.callback_token,
        "XENDIT_API_BASE_URL": XENDIT.url,
    }
)

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

import psycopg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402

from marketplace.orders.models import Order, OrderStatus  # noqa: E402
from marketplace.payments.bank_transfer import start_bank_transfer  # noqa: E402
from marketplace.payments.midtrans_payments import start_midtrans_payment  # noqa: E402
from marketplace.payments.models import TransactionItem  # noqa: E402
from marketplace.payments.services import start_card_payment  # noqa: E402
from tests.factories.catalog import StockFactory  # noqa: E402
from tests.factories.orders import FulfillmentFactory, OrderFactory  # noqa: E402
from tests.factories.payments import (  # noqa: E402
    TransactionItemFactory,
    payment_intent_object,
    sign,
    stripe_event,
)

logging.getLogger("marketplace").setLevel(logging.ERROR)


def recreate_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database() -> None:
    connections.close_all()
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def start_localstripe() -> subprocess.Popen:
    launcher = ROOT / "tests" / "fixtures" / "stripe.py"
    process = subprocess.Popen(
        [sys.executable, str(launcher), "--port", str(STRIPE_PORT), "--state-dir", STATE_DIR],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", STRIPE_PORT)) == 0:
                return process
        time.sleep(0.1)
    process.kill()
    raise SystemExit("localstripe did not start")


def signed(event: dict) -> tuple[bytes, str]:
    body = json.dumps(event).encode()
    return body, sign(body, secret=WEBHOOK_SECRET)


def post(client: Client, body: bytes, header: str) -> dict:
    response = client.post(
        "/payments/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    if response.status_code != 200:
        raise SystemExit(f"webhook answered {response.status_code}: {response.content[:200]!r}")
    return response.json()


_STOCK = []


def unpaid_order(*, payment_method: str):
    """An unpaid order of one unit (Rp 85.000 + Rp 9.000 shipping) from one shared stock row."""
    if not _STOCK:
        _STOCK.append(StockFactory(quantity=1_000_000))
    stock = _STOCK[0]
    order = OrderFactory(payment_method=payment_method)
    FulfillmentFactory(order=order, group=stock.group, quantity=1, quantity__stock=stock)
    order.refresh_from_db()
    return order


def card_orders(count: int) -> list[TransactionItem]:
    return [TransactionItemFactory(order=unpaid_order(payment_method="card")) for _ in range(count)]


def summary(name: str, latencies: list[float], wall: float) -> tuple[float, float]:
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[int(len(ms) * 0.95) - 1]
    print(
        f"{name:<22} n={len(ms):<5} p50={statistics.median(ms):7.1f} ms  p95={p95:7.1f} ms  "
        f"max={ms[-1]:7.1f} ms  throughput={len(ms) / wall:7.1f}/s"
    )
    return statistics.median(ms), p95


def bench_webhooks() -> None:
    txns = card_orders(N)
    events = [
        signed(stripe_event("payment_intent.succeeded", payment_intent_object(t))) for t in txns
    ]
    client = Client()
    for label, expect_duplicate in (("webhook (applied)", False), ("webhook (replayed)", True)):
        latencies = []
        started = time.perf_counter()
        for body, header in events:
            t0 = time.perf_counter()
            result = post(client, body, header)
            latencies.append(time.perf_counter() - t0)
            assert result["duplicate"] is expect_duplicate, result
        summary(label, latencies, time.perf_counter() - started)
    paid = Order.objects.filter(pk__in=[t.order_id for t in txns], status=OrderStatus.UNFULFILLED)
    assert paid.count() == N, paid.count()


def bench_concurrent_webhooks(threads: int = 4) -> None:
    txns = card_orders(N)
    events = [
        signed(stripe_event("payment_intent.succeeded", payment_intent_object(t))) for t in txns
    ]
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(chunk):
        client = Client()
        mine = []
        for body, header in chunk:
            t0 = time.perf_counter()
            post(client, body, header)
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)
        connections.close_all()

    chunks = [events[i::threads] for i in range(threads)]
    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    summary(f"webhook ({threads} threads)", latencies, time.perf_counter() - started)


def bench_unique_amounts() -> None:
    orders = [unpaid_order(payment_method="bank_transfer") for _ in range(N)]
    latencies = []
    started = time.perf_counter()
    for order in orders:
        t0 = time.perf_counter()
        start_bank_transfer(order.pk)
        latencies.append(time.perf_counter() - t0)
    summary("unique transfer amount", latencies, time.perf_counter() - started)
    amounts = TransactionItem.objects.open_bank_transfers().values_list("amount", flat=True)
    assert len(set(amounts)) == len(amounts) == N


def bench_card_setup() -> None:
    orders = [unpaid_order(payment_method="card") for _ in range(CARD_SETUPS)]
    latencies = []
    started = time.perf_counter()
    for order in orders:
        t0 = time.perf_counter()
        start_card_payment(order.pk)
        latencies.append(time.perf_counter() - t0)
    summary("card set-up (localstripe)", latencies, time.perf_counter() - started)


def bench_midtrans() -> None:
    orders = [unpaid_order(payment_method="qris") for _ in range(N)]
    latencies = []
    started = time.perf_counter()
    txns = []
    for order in orders:
        t0 = time.perf_counter()
        txns.append(start_midtrans_payment(order.pk, channel="qris"))
        latencies.append(time.perf_counter() - t0)
    summary("qris charge (loopback)", latencies, time.perf_counter() - started)
    bodies = [json.dumps(MIDTRANS.set_status(str(t.token), "settlement")) for t in txns]
    client = Client()
    figures = {}
    for label, expect_duplicate in (("midtrans (applied)", False), ("midtrans (replayed)", True)):
        latencies = []
        started = time.perf_counter()
        for body in bodies:
            t0 = time.perf_counter()
            response = client.post(
                "/payments/midtrans/notification/", data=body, content_type="application/json"
            )
            latencies.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.content[:200]
            assert response.json()["duplicate"] is expect_duplicate, response.json()
        figures[expect_duplicate] = summary(label, latencies, time.perf_counter() - started)
    paid = Order.objects.filter(pk__in=[o.pk for o in orders], status=OrderStatus.UNFULFILLED)
    assert paid.count() == N, paid.count()
    (applied_p50, applied_p95), (replay_p50, replay_p95) = figures[False], figures[True]
    print(
        f"midtrans replay / applied: p50 {replay_p50 / applied_p50:.2f}, "
        f"p95 {replay_p95 / applied_p95:.2f} (must be <= 0.20)"
    )
    assert replay_p50 <= applied_p50 / 5, "a replay costs more than a fifth of an applied one"


def bench_xendit() -> None:
    orders = [unpaid_order(payment_method="qris") for _ in range(N)]
    latencies = []
    started = time.perf_counter()
    txns = []
    for order in orders:
        t0 = time.perf_counter()
        txns.append(start_midtrans_payment(order.pk, channel="qris", provider="xendit"))
        latencies.append(time.perf_counter() - t0)
    summary("xendit qris payment request (loopback)", latencies, time.perf_counter() - started)
    bodies = [json.dumps(XENDIT.paid(t.psp_reference)) for t in txns]
    client = Client()
    figures = {}
    for label, expect_duplicate in (("xendit (applied)", False), ("xendit (replayed)", True)):
        latencies = []
        started = time.perf_counter()
        for body in bodies:
            t0 = time.perf_counter()
            response = client.post(
                "/payments/xendit/callback/",
                data=body,
                content_type="application/json",
                HTTP_X_CALLBACK_TOKEN=XENDIT.callback_token,
            )
            latencies.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.content[:200]
            assert response.json()["duplicate"] is expect_duplicate, response.json()
        figures[expect_duplicate] = summary(label, latencies, time.perf_counter() - started)
    paid = Order.objects.filter(pk__in=[o.pk for o in orders], status=OrderStatus.UNFULFILLED)
    assert paid.count() == N, paid.count()
    (applied_p50, applied_p95), (replay_p50, replay_p95) = figures[False], figures[True]
    print(
        f"xendit replay / applied: p50 {replay_p50 / applied_p50:.2f}, "
        f"p95 {replay_p95 / applied_p95:.2f} (must be <= 0.20)"
    )
    assert replay_p50 <= applied_p50 / 5, "a replay costs more than a fifth of an applied one"


def main() -> None:
    recreate_database()
    stripe_server = start_localstripe()
    MIDTRANS.start()
    XENDIT.start()
    try:
        call_command("migrate", verbosity=0, interactive=False)
        print(
            f"payments bench: N={N}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
            f"{platform.platform()}"
        )
        if os.environ.get("BENCH_ONLY") not in ("midtrans", "xendit"):  # issue 17's parts only
            bench_webhooks()
            bench_concurrent_webhooks()
            bench_unique_amounts()
            bench_card_setup()
        bench_midtrans()
        bench_xendit()
    finally:
        MIDTRANS.stop()
        XENDIT.stop()
        stripe_server.terminate()
        stripe_server.wait(timeout=10)
        shutil.rmtree(STATE_DIR, ignore_errors=True)
        drop_database()


if __name__ == "__main__":
    main()
