"""The GraphQL API under gunicorn: the storefront's product list (first: 20, first: 100) and the
product page, on 10,000 published products.

Run: ``.venv/bin/python bench/bench_graphql.py`` (``make bench`` runs it). It creates its own
PostgreSQL database (``pasar_bench_graphql``), fills it (250 groups, 10,000 products with two
variants, stock and a photo each), starts gunicorn on 127.0.0.1, posts the operations from
``CONCURRENCY`` client threads for ``BENCH_SECONDS`` each, prints requests/s and p50 / p95
latency, the SQL queries per request and the CPU time gunicorn's workers spent per request (what
one request costs on an idle core), then stops the server and drops the database.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_GRAPHQL_DB", "pasar_bench_graphql")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "10000"))
GROUPS = 250
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))

SERVER_ENV = {
    "DATABASE_URL": f"{PG_URL}/{DB_NAME}",
    "REDIS_URL": "",
    "SECRET_KEY": "bench-only-secret-key-not-for-production",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "CELERY_TASK_ALWAYS_EAGER": "true",
    "LOG_LEVEL": "ERROR",
}
os.environ.update(SERVER_ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import catalog_data  # noqa: E402
import gunicorn_server  # noqa: E402

PRODUCT_LIST = """
query ProductList($first: Int!, $channel: String!, $locale: LanguageCodeEnum!) {
  products(first: $first, channel: $channel, sortBy: {field: CREATED_AT, direction: DESC}) {
    totalCount
    edges { cursor node {
      id name slug
      translation(languageCode: $locale) { id name }
      category { id name }
      thumbnail(size: 512, format: WEBP) { url alt }
      pricing { priceRange {
        start { gross { amount currency } }
        stop { gross { amount currency } }
      } }
      variants { id name attributes(variantSelection: VARIANT_SELECTION) {
        attribute { slug name } values { name slug } } }
    } }
    pageInfo { endCursor hasNextPage }
  }
}
"""

PRODUCT_PAGE = """
query ProductDetails($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    id name slug description seoTitle seoDescription isAvailableForPurchase
    thumbnail(size: 1024, format: WEBP) { url alt }
    media { url(size: 1024) alt }
    category { id name slug }
    producer { name slug story region { province regency } }
    variants {
      id name quantityAvailable
      attributes(variantSelection: VARIANT_SELECTION) { attribute { slug name } values { name } }
      pricing { price { gross { currency amount } } }
    }
    pricing { priceRange {
      start { gross { amount currency } }
      stop { gross { amount currency } }
    } }
  }
}
"""


def create_database() -> None:
    catalog_data.create_database(PG_URL, DB_NAME)


def drop_database() -> None:
    catalog_data.drop_database(PG_URL, DB_NAME)


def fill_catalog() -> list[str]:
    """250 groups, 10,000 approved products, 2 variants with stock and 1 photo row each."""
    words = ["Sabun Propolis", "Kopi Gayo", "Tas Anyaman", "Emping Melinjo", "Madu Hutan"]
    _categories, products = catalog_data.fill_catalog(
        products=PRODUCTS,
        groups=GROUPS,
        prefix="GQL",
        phone_base=3500000,
        name_of=lambda index: f"{words[index % len(words)]} {index}",
        name_en_of=lambda index: f"Product {index}",
        photos=True,
    )
    return [product.slug for product in products[:: PRODUCTS // 200]]


def queries_per_request(operations: dict) -> dict[str, int]:
    """SQL statements one request of each operation runs, through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, bodies in operations.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/graphql/", bodies[0], content_type="application/json")
        assert response.status_code == 200 and "errors" not in response.json(), response.content
        counts[name] = len(captured.captured_queries)
    return counts


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, **SERVER_ENV, "DJANGO_SETTINGS_MODULE": "marketplace.settings"}
    return gunicorn_server.start(
        "marketplace.wsgi:application", port, workers=WORKERS, env=env, ready_path="/health/"
    )


stop_server = gunicorn_server.stop


def worker_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user + system) used so far by gunicorn's worker processes, from /proc."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def measure(url: str, bodies: list[str]) -> dict:
    """Requests/s and latency over ``SECONDS`` with ``CONCURRENCY`` clients cycling ``bodies``."""
    import requests

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def client(offset: int) -> None:
        session = requests.Session()
        index, mine = offset, []
        headers = {"Content-Type": "application/json"}
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = session.post(url, data=bodies[index % len(bodies)], headers=headers)
            mine.append(time.perf_counter() - started)
            if response.status_code != 200 or "errors" in response.json():
                errors[0] += 1
            index += CONCURRENCY
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[max(int(len(latencies) * 0.95) - 1, 0)] * 1000,
        "errors": errors[0],
        "requests": len(latencies),
    }


def operations(slugs: list[str]) -> dict[str, list[str]]:
    def body(query: str, **variables) -> str:
        return json.dumps({"query": query, "variables": variables})

    channel = "default-channel"
    return {
        "product list, first: 20": [body(PRODUCT_LIST, first=20, channel=channel, locale="EN")],
        "product list, first: 100": [body(PRODUCT_LIST, first=100, channel=channel, locale="EN")],
        "product page": [body(PRODUCT_PAGE, slug=slug, channel=channel) for slug in slugs],
    }


def main() -> None:
    started = time.perf_counter()
    create_database()
    try:
        slugs = fill_catalog()
        ops = operations(slugs)
        counts = queries_per_request(ops)
        print(
            f"catalog: {PRODUCTS} products, {GROUPS} groups, set up in "
            f"{time.perf_counter() - started:.0f} s; gunicorn {WORKERS} sync workers, "
            f"{CONCURRENCY} clients, {SECONDS:.0f} s per operation"
        )
        port = free_port()
        server = start_server(port)
        try:
            url = f"http://127.0.0.1:{port}/graphql/"
            for bodies in ops.values():  # warm both workers
                for body in bodies[:4]:
                    measure_once(url, body)
            columns = ("req/s", "p50 ms", "p95 ms")
            print(
                f"{'operation':28} "
                + " ".join(f"{c:>8}" for c in columns)
                + "  SQL errors  app CPU ms/request"
            )
            for name, bodies in ops.items():
                cpu_before = worker_cpu_seconds(server)
                figures = measure(url, bodies)
                cpu_ms = (worker_cpu_seconds(server) - cpu_before) * 1000 / figures["requests"]
                print(
                    f"{name:28} {figures['rps']:8.1f} {figures['p50']:8.1f} "
                    f"{figures['p95']:8.1f} {counts[name]:4d} {figures['errors']:6d} "
                    f"{cpu_ms:10.1f}"
                )
        finally:
            stop_server(server)
    finally:
        drop_database()


def measure_once(url: str, body: str) -> None:
    import requests

    requests.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=60)


if __name__ == "__main__":
    main()
