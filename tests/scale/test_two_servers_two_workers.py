"""Scaling out: two gunicorn servers and two Celery workers on one PostgreSQL, Redis and S3.

200 customers check out at once through the storefront API (every step of one checkout may hit
either server); the stock covers 150. No oversell, every order's notice delivered exactly once
(counted at the SMTP server), every thumbnail served by either server from the shared bucket.
The figures it prints are recorded in README ("Scaling out").
"""

import base64
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from marketplace.catalog.thumbnails import SIZES, thumbnail_path, thumbnail_url
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Order, OrderLine
from tests.factories.graphql import storefront_product
from tests.fixtures.celery_worker import worker_environment
from tests.fixtures.gunicorn import Gunicorn
from tests.fixtures.s3 import MEDIA_BUCKET
from tests.graphql.queries import (
    CHECKOUT_COMPLETE,
    CHECKOUT_CREATE,
    CHECKOUT_DELIVERY_METHOD_UPDATE,
    CHECKOUT_EMAIL_UPDATE,
    CHECKOUT_SHIPPING_ADDRESS_UPDATE,
)

pytestmark = [pytest.mark.scale, pytest.mark.worker]

ROOT = Path(__file__).resolve().parents[2]
CUSTOMERS = 200
STOCK = 150
ADDRESS = {
    "firstName": "Putu",
    "lastName": "Wirawan",
    "streetAddress1": "Jl. Gajah Mada No. 12, RT 002/RW 001",
    "streetAddress2": "Semarapura Kangin",
    "city": "Kabupaten Klungkung",
    "countryArea": "Bali",
    "postalCode": "80711",
    "country": "ID",
    "phone": "081234567890",
}


@pytest.fixture
def cluster(s3_storage, smtp_server, redis_server, celery_worker_factory, celery_queue, tmp_path):
    extra = {
        **s3_storage.env(),
        "EMAIL_URL": smtp_server.url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STOREFRONT_CACHE_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
    }
    env = worker_environment(broker_url=redis_server.url, queue=celery_queue, extra=extra)
    servers = [Gunicorn(env, tmp_path / f"gunicorn-{n}.log") for n in range(2)]
    try:
        for _n in range(2):
            celery_worker_factory(env=extra, broker_url=redis_server.url)
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


def _gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _checkout(servers, number: int, variant_id: str) -> str:
    """One customer's checkout, its steps spread over both servers; the outcome's code."""
    session = requests.Session()

    def call(step: int, query: str, variables: dict) -> dict:
        server = servers[(number + step) % len(servers)]
        response = session.post(
            f"{server.url}/graphql/", json={"query": query, "variables": variables}, timeout=120
        )
        response.raise_for_status()
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    created = call(
        0,
        CHECKOUT_CREATE,
        {"channel": "default-channel", "lines": [{"variantId": variant_id, "quantity": 1}]},
    )["checkoutCreate"]
    if created["errors"]:
        return created["errors"][0]["code"]
    checkout_id = created["checkout"]["id"]
    call(1, CHECKOUT_EMAIL_UPDATE, {"id": checkout_id, "email": f"pembeli{number}@example.id"})
    address = call(2, CHECKOUT_SHIPPING_ADDRESS_UPDATE, {"id": checkout_id, "address": ADDRESS})
    method = address["checkoutShippingAddressUpdate"]["checkout"]["shippingMethods"][0]["id"]
    call(3, CHECKOUT_DELIVERY_METHOD_UPDATE, {"id": checkout_id, "deliveryMethodId": method})
    completed = call(4, CHECKOUT_COMPLETE, {"id": checkout_id})["checkoutComplete"]
    if completed["errors"]:
        return completed["errors"][0]["code"]
    return "ORDER"


def test_two_servers_two_workers_sell_exactly_the_stock_and_notify_once(
    cluster, s3_storage, smtp_server
):
    product = storefront_product(prices=(25_000,), stock=STOCK)
    variant = product.variants.get()
    stock = variant.stocks.get()
    media = product.media.get()
    assert s3_storage.keys(MEDIA_BUCKET) == [media.image.name]

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=40) as pool:
        outcomes = list(
            pool.map(
                lambda n: _checkout(cluster, n, _gid("ProductVariant", variant.pk)),
                range(CUSTOMERS),
            )
        )
    checkout_seconds = time.monotonic() - started

    # no oversell: exactly the stock was sold, the rest refused for stock
    assert Counter(outcomes) == {"ORDER": STOCK, "INSUFFICIENT_STOCK": CUSTOMERS - STOCK}
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (STOCK, STOCK)
    assert OrderLine.objects.filter(variant=variant).count() == STOCK
    assert Order.objects.count() == STOCK

    # every notice delivered exactly once, by one of the two workers
    emails = OutboxMessage.objects.filter(channel="email")
    expected = emails.count()
    assert emails.filter(event="order_placed").count() == STOCK
    mails = smtp_server.wait_for(expected, timeout=120)
    delivered_seconds = time.monotonic() - started
    time.sleep(1)  # a duplicate would arrive now
    mails = smtp_server.received()
    assert len(mails) == expected
    assert len({mail.message_id for mail in mails}) == expected
    customers = Counter(rcpt for mail in mails for rcpt in mail.rcpt_tos if "pembeli" in rcpt)
    ordered = set(Order.objects.values_list("email", flat=True))
    assert set(customers) == ordered and set(customers.values()) == {1}

    # every thumbnail served by either server, made once into the shared bucket
    sizes = SIZES[:8]
    for index, size in enumerate(sizes):
        first, second = cluster[index % 2], cluster[(index + 1) % 2]
        path = thumbnail_url(media, size)
        made = requests.get(f"{first.url}{path}", timeout=60)
        served = requests.get(f"{second.url}{path}", timeout=60)
        assert (made.status_code, served.status_code) == (200, 200)
        assert made.content == served.content and made.headers["Content-Type"] == "image/webp"
    thumbnails = {thumbnail_path(media, size, "WEBP") for size in sizes}
    assert thumbnails <= set(s3_storage.keys(MEDIA_BUCKET))

    print(
        f"\nscale: {CUSTOMERS} concurrent checkouts over 2 gunicorn servers x 2 workers "
        f"in {checkout_seconds:.1f} s "
        f"({CUSTOMERS / checkout_seconds:.1f} checkouts/s); {expected} notices delivered "
        f"{delivered_seconds:.1f} s after the start"
    )
