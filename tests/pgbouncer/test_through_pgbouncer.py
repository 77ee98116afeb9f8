"""The app behind PgBouncer in transaction mode (``DATABASE_POOLER=transaction``).

A gunicorn server and a Celery worker run the production settings with their database through a
PgBouncer the test starts: customers check out through the storefront API, the order's notices
go out through the outbox once, and the storefront's statements (prepared when nothing pools)
work on whichever server connection the pooler hands out. PgBouncer restarted while an order is
being written: that request fails cleanly, nothing of it is left, and the retry places the order.
"""

import base64
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.db import connection

from marketplace.catalog.models import ProductVariant, Stock
from marketplace.checkout.models import Checkout
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Fulfillment, Order, OrderLine
from tests.factories.graphql import storefront_product
from tests.fixtures.celery_worker import worker_environment
from tests.fixtures.gunicorn import Gunicorn
from tests.graphql.queries import (
    CHECKOUT_COMPLETE,
    CHECKOUT_CREATE,
    CHECKOUT_DELIVERY_METHOD_UPDATE,
    CHECKOUT_EMAIL_UPDATE,
    CHECKOUT_SHIPPING_ADDRESS_UPDATE,
    PRODUCT_LIST,
)

pytestmark = [pytest.mark.pgbouncer, pytest.mark.worker]

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = {
    "firstName": "Ni Made",
    "lastName": "Sari",
    "streetAddress1": "Jl. Diponegoro No. 7, RT 001/RW 003",
    "streetAddress2": "Semarapura Kelod",
    "city": "Kabupaten Klungkung",
    "countryArea": "Bali",
    "postalCode": "80711",
    "country": "ID",
    "phone": "081298765432",
}


def _gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _graphql(server: Gunicorn, query: str, variables: dict) -> dict:
    response = requests.post(
        f"{server.url}/graphql/", json={"query": query, "variables": variables}, timeout=60
    )
    response.raise_for_status()
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def _ready_checkout(server: Gunicorn, variant: ProductVariant, email: str) -> str:
    """A checkout with one line, an email, an address and a delivery method: its id."""
    created = _graphql(
        server,
        CHECKOUT_CREATE,
        {
            "channel": "default-channel",
            "lines": [{"variantId": _gid("ProductVariant", variant.pk), "quantity": 1}],
        },
    )["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    _graphql(server, CHECKOUT_EMAIL_UPDATE, {"id": checkout_id, "email": email})
    address = _graphql(
        server, CHECKOUT_SHIPPING_ADDRESS_UPDATE, {"id": checkout_id, "address": ADDRESS}
    )
    method = address["checkoutShippingAddressUpdate"]["checkout"]["shippingMethods"][0]["id"]
    _graphql(
        server, CHECKOUT_DELIVERY_METHOD_UPDATE, {"id": checkout_id, "deliveryMethodId": method}
    )
    return checkout_id


@pytest.fixture
def pooled(pgbouncer, smtp_server, redis_server, celery_worker_factory, celery_queue, tmp_path):
    """One gunicorn server and one Celery worker, both through the pooler."""
    extra = {
        **pgbouncer.env(connection.settings_dict["NAME"]),
        "EMAIL_URL": smtp_server.url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STOREFRONT_CACHE_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        "CONN_MAX_AGE": "60",
    }
    env = worker_environment(broker_url=redis_server.url, queue=celery_queue, extra=extra)
    server = Gunicorn(env, tmp_path / "gunicorn.log", workers=1)
    try:
        celery_worker_factory(env=extra, broker_url=redis_server.url)
        server.wait_ready()
        yield server
    finally:
        server.stop()


def test_the_pooler_setting_turns_off_prepared_statements_and_server_side_cursors():
    script = (
        "import json; from django.conf import settings; d = settings.DATABASES['default']; "
        "print(json.dumps([d.get('DISABLE_SERVER_SIDE_CURSORS', False), "
        "d['OPTIONS'].get('prepare_threshold', 'unset')]))"
    )

    def database_settings(**extra) -> list:
        inherited = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_POOLER", "DATABASE_PREPARED_STATEMENTS")
        }
        env = {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:6432/pasar",
            "SECRET_KEY": "pooler-settings-check",
            **extra,
        }
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {script}"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    assert database_settings() == [False, 0]
    assert database_settings(DATABASE_POOLER="transaction") == [True, None]


def test_checkout_and_outbox_run_through_the_pooler(pooled, pgbouncer, smtp_server):
    product = storefront_product(prices=(25_000,), stock=5)
    variant = product.variants.get()

    for number in range(3):
        checkout_id = _ready_checkout(pooled, variant, f"pembeli{number}@example.id")
        completed = _graphql(pooled, CHECKOUT_COMPLETE, {"id": checkout_id})["checkoutComplete"]
        assert completed["errors"] == [] and completed["order"]["id"]
    # the storefront's constant statements (prepared when nothing pools) on pooled connections
    for _ in range(5):
        listed = _graphql(
            pooled, PRODUCT_LIST, {"first": 10, "channel": "default-channel", "locale": "ID"}
        )
        assert [edge["node"]["name"] for edge in listed["products"]["edges"]] == [product.name]

    assert Order.objects.count() == 3
    stock = Stock.objects.get(variant=variant)
    assert (stock.quantity, stock.quantity_allocated) == (5, 3)
    notices = OutboxMessage.objects.filter(channel="email")
    assert notices.filter(event="order_placed").count() == 3
    expected = notices.count()
    smtp_server.wait_for(expected, timeout=60)
    time.sleep(1)  # a duplicate would arrive now
    mails = smtp_server.received()
    assert len(mails) == expected
    assert {rcpt for mail in mails for rcpt in mail.rcpt_tos if "pembeli" in rcpt} == {
        f"pembeli{number}@example.id" for number in range(3)
    }

    # all of it went through the pooler, in transaction mode
    stats = pgbouncer.stats(connection.settings_dict["NAME"])
    assert stats["total_xact_count"] > 20
    assert "pool_mode = transaction" in pgbouncer.config.read_text()


def _direct_connection() -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=int(db.get("PORT") or 5432),
        user=db.get("USER") or "postgres",
        dbname=db["NAME"],
    )


def _waiting_backend(monitor: psycopg.Connection, timeout: float = 30) -> int:
    """The pid of the test database's backend waiting on a lock (the order being written)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = monitor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        ).fetchone()
        if row:
            return row[0]
        time.sleep(0.05)
    raise AssertionError("the checkout never reached the locked row")


def _gone(monitor: psycopg.Connection, pid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not monitor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            return
        time.sleep(0.05)
    raise AssertionError(f"backend {pid} still runs")


def test_pgbouncer_restarted_mid_checkout_fails_cleanly_and_the_retry_places_the_order(
    pooled, pgbouncer, smtp_server
):
    product = storefront_product(prices=(25_000,), stock=5)
    variant = product.variants.get()
    checkout_id = _ready_checkout(pooled, variant, "pembeli@example.id")

    # Hold back new outbox rows: the order, its fulfilment and lines are inserted and the stock
    # allocated, then the order's notice waits on this lock, inside the request's transaction.
    blocker = _direct_connection()
    monitor = _direct_connection()
    monitor.autocommit = True
    blocker.execute(f'LOCK TABLE "{OutboxMessage._meta.db_table}" IN SHARE MODE')
    outcome: dict = {}

    def complete() -> None:
        started = time.monotonic()
        response = requests.post(
            f"{pooled.url}/graphql/",
            json={"query": CHECKOUT_COMPLETE, "variables": {"id": checkout_id}},
            timeout=60,
        )
        outcome.update(response=response, seconds=time.monotonic() - started)

    request = threading.Thread(target=complete)
    request.start()
    try:
        backend = _waiting_backend(monitor)
        waiting_sql = monitor.execute(
            "SELECT query FROM pg_stat_activity WHERE pid = %s", [backend]
        ).fetchone()[0]
        assert OutboxMessage._meta.db_table in waiting_sql and "INSERT" in waiting_sql
        pgbouncer.stop()
        request.join(timeout=30)
        assert not request.is_alive(), "the request hung after the pooler went away"
    finally:
        blocker.rollback()
        blocker.close()
        request.join(timeout=60)
    try:
        _gone(monitor, backend)
    finally:
        monitor.close()

    # the request failed cleanly: an error answer, not a hang, no internals shown
    response = outcome["response"]
    assert outcome["seconds"] < 30
    body = response.json()
    assert body["data"] == {"checkoutComplete": None}
    assert [error["extensions"]["exception"]["code"] for error in body["errors"]] == [
        "InternalServerError"
    ]
    assert "psycopg" not in response.text and "127.0.0.1" not in response.text
    # nothing of that order was kept; the cart is still there to retry
    assert Order.objects.count() == 0
    assert OrderLine.objects.count() == 0 and Fulfillment.objects.count() == 0
    assert Stock.objects.get(variant=variant).quantity_allocated == 0
    assert OutboxMessage.objects.count() == 0
    assert Checkout.objects.count() == 1

    pgbouncer.start()
    completed = _graphql(pooled, CHECKOUT_COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert completed["errors"] == []

    order = Order.objects.get()
    assert OrderLine.objects.filter(order=order).count() == 1
    assert Stock.objects.get(variant=variant).quantity_allocated == 1
    assert Checkout.objects.count() == 0
    expected = OutboxMessage.objects.filter(channel="email").count()
    assert OutboxMessage.objects.filter(event="order_placed", channel="email").count() == 1
    smtp_server.wait_for(expected, timeout=60)
    time.sleep(1)
    assert len(smtp_server.received()) == expected
