"""Courier rates at checkout: three groups' parcels asked in parallel vs one group's parcel.

Starts the Biteship-shaped loopback server of the tests (tests/fixtures/biteship.py) on
127.0.0.1 with every answer delayed 150 ms, points the settings at it and times
``shipping.quotes.quote_parcels`` (what ``shipping.pricing.CourierPricer`` asks once per checkout
page) for a one-group cart (1 parcel) and a three-group cart (3 parcels in three kabupaten), with
an empty cache each round; then the same three parcels again within the cache's 10 minutes (no
call). It prints the medians and the ratio three/one, which must stay at or under 1.5.

Then the whole page: in its own database (``pasar_bench_shipping``), a buyer in Klungkung with a
cart of one group's soap and a cart of three groups' soaps (Gianyar, Denpasar, Aceh Tengah), each
group with its pick-up address; the storefront's checkout page (``GET /checkout/``, everything
it renders: summary, per-group courier choices, forms) is timed with Django's test client, the
rate cache cleared before each request, and the ratio three/one printed (limit 1.5x as well).

Run: ``.venv/bin/python bench/bench_shipping.py``; ``BENCH_ROUNDS`` changes the rounds (20).
"""

import os
import platform
import statistics
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
DELAY = 0.150
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "REDIS_URL": "",  # the local-memory cache: the figure is the network wait, not Redis
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pasar_bench_shipping"
        ),
    }
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402

from marketplace.checkout.shipping import RateTable  # noqa: E402
from marketplace.shipping.carriers import Item, Parcel, Place  # noqa: E402
from marketplace.shipping.quotes import quote_parcels  # noqa: E402
from tests.fixtures.biteship import API_KEY, BiteshipServer, _handler  # noqa: E402

KLUNGKUNG = Place(regency_code="51.05", province_code="51", postal_code="80712")
ORIGINS = [
    Place(regency_code="51.04", province_code="51", postal_code="80511"),  # Gianyar
    Place(regency_code="51.71", province_code="51", postal_code="80111"),  # Denpasar
    Place(regency_code="11.04", province_code="11", postal_code="24511"),  # Aceh Tengah
]


def parcels(count: int) -> list[Parcel]:
    soap = (Item("Sabun sereh", 2, 300, 25_000),)
    return [Parcel(origin, KLUNGKUNG, soap) for origin in ORIGINS[:count]]


def timed(batch: list[Parcel], *, clear: bool) -> float:
    if clear:
        cache.clear()
    started = time.perf_counter()
    quotes = quote_parcels(batch, rates=RateTable({}))
    elapsed = time.perf_counter() - started
    assert all(q.from_aggregator for q in quotes), "a parcel fell back: the server did not answer"
    return elapsed


def page_carts():
    """Two checkouts in Klungkung: one group's soap, and three groups' soaps."""
    import psycopg
    from django.core.management import call_command
    from django.db import connection

    from marketplace.checkout.services import add_lines
    from marketplace.shipping.models import PickupAddress
    from tests.factories.catalog import StockFactory
    from tests.factories.checkout import CheckoutFactory
    from tests.factories.groups import UppksGroupFactory
    from tests.factories.regions import regency

    name = connection.settings_dict["NAME"]
    connection.close()
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)
    stocks = []
    for origin in ORIGINS:
        group = UppksGroupFactory(regency=regency(origin.regency_code))
        PickupAddress.objects.create(
            group=group,
            contact_name=group.leader_name,
            contact_phone="081234500100",
            street="Jl. Raya No. 1, RT 002/RW 001",
            postal_code=origin.postal_code,
        )
        stocks.append(
            StockFactory(
                quantity=1000,
                group=group,
                variant__product__group=group,
                variant__price=25_000,
                variant__weight_g=300,
            )
        )
    carts = {}
    for count in (1, 3):
        checkout = CheckoutFactory()
        add_lines(checkout.pk, [(stock.variant_id, 2) for stock in stocks[:count]])
        carts[count] = checkout
    return carts


def timed_page(client, checkout, url: str) -> float:
    from storefront_theme.cart import CHECKOUT_SESSION_KEY

    session = client.session
    session[CHECKOUT_SESSION_KEY] = checkout.pk
    session.save()
    cache.clear()
    started = time.perf_counter()
    response = client.get(url, secure=True)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    assert "Ongkos kirim" in response.content.decode() or "Shipping" in response.content.decode()
    return elapsed


def main() -> None:
    server = BiteshipServer(delay=DELAY)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    settings.SHIPPING_PROVIDER = "biteship"
    settings.BITESHIP_API_KEY = API_KEY
    settings.BITESHIP_API_BASE_URL = server.url
    try:
        timed(parcels(3), clear=True)  # warm-up: sessions, threads
        one = [timed(parcels(1), clear=True) for _ in range(ROUNDS)]
        three = [timed(parcels(3), clear=True) for _ in range(ROUNDS)]
        calls_before = server.rate_calls()
        cached = [timed(parcels(3), clear=False) for _ in range(ROUNDS)]
        cached_calls = server.rate_calls() - calls_before
        from django.test import Client, override_settings
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        setup_test_environment()
        plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}).enable()
        carts, client, url = page_carts(), Client(), reverse("storefront:checkout")
        timed_page(client, carts[3], url)  # warm-up: templates, connections
        page_calls_before = server.rate_calls()
        page_one = [timed_page(client, carts[1], url) for _ in range(ROUNDS)]
        page_three = [timed_page(client, carts[3], url) for _ in range(ROUNDS)]
        page_calls = server.rate_calls() - page_calls_before
    finally:
        httpd.shutdown()
        httpd.server_close()
    one_ms, three_ms = statistics.median(one) * 1000, statistics.median(three) * 1000
    ratio = three_ms / one_ms
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores (shared), Python "
        f"{platform.python_version()}; loopback courier server answering in {DELAY * 1000:.0f} ms"
    )
    print(f"rounds: {ROUNDS}, cache cleared before each round")
    print(f"one group  (1 parcel):  median {one_ms:7.1f} ms, max {max(one) * 1000:7.1f} ms")
    print(f"three groups (3 parcels): median {three_ms:7.1f} ms, max {max(three) * 1000:7.1f} ms")
    print(f"ratio three/one: {ratio:.2f}x (limit 1.5x) -> {'OK' if ratio <= 1.5 else 'TOO SLOW'}")
    print(
        f"three groups again within {settings.SHIPPING_QUOTE_CACHE_SECONDS} s: median "
        f"{statistics.median(cached) * 1000:.2f} ms, {cached_calls} courier calls"
    )
    page_one_ms = statistics.median(page_one) * 1000
    page_three_ms = statistics.median(page_three) * 1000
    page_ratio = page_three_ms / page_one_ms
    print(
        f"checkout page, one group:    median {page_one_ms:7.1f} ms, max"
        f" {max(page_one) * 1000:7.1f} ms"
    )
    print(
        f"checkout page, three groups: median {page_three_ms:7.1f} ms, max"
        f" {max(page_three) * 1000:7.1f} ms ({page_calls} courier calls in {2 * ROUNDS} pages)"
    )
    print(
        f"page ratio three/one: {page_ratio:.2f}x (limit 1.5x) ->"
        f" {'OK' if page_ratio <= 1.5 else 'TOO SLOW'}"
    )
    if ratio > 1.5 or page_ratio > 1.5:
        sys.exit(1)


if __name__ == "__main__":
    main()
