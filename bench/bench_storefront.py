"""Storefront pages under gunicorn, against a bare Django view on the same server.

Run: ``.venv/bin/python bench/bench_storefront.py`` (``make bench`` runs it). It creates its own
PostgreSQL database (``pasar_bench_storefront``), fills it with 10,000 published products, starts
gunicorn on 127.0.0.1 twice (fragment cache on, then off), measures requests/s and p50/p95 latency
of the home, listing, search and product pages and of a bare view that renders a static template,
prints the figures and the ratios, and stops the servers.

This module is also the settings and URL module of the benchmarked server (``--serve`` mode is
what gunicorn imports), so the bare view runs in the same process, middleware and server as the
pages it is compared with.
"""

import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_STOREFRONT_DB", "pasar_bench_storefront")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/8")
PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "10000"))
GROUPS = 250
SECONDS = float(os.environ.get("BENCH_SECONDS", "6"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))  # bare / page alternations per page

# Always its own database (dropped and refilled): never a DATABASE_URL set for tests or dev.
os.environ["DATABASE_URL"] = f"{PG_URL}/{DB_NAME}"
os.environ.setdefault("REDIS_URL", REDIS)
os.environ.setdefault("CACHE_KEY_PREFIX", "bench-storefront")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
# One database connection per worker, as the other benches and a production server run: a new
# connection per request cost 4 to 12 ms of every page (and nothing of the bare view).
os.environ.setdefault("CONN_MAX_AGE", "60")
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import catalog_data  # noqa: E402
import gunicorn_server  # noqa: E402

from marketplace.settings import *  # noqa: E402,F403

ROOT_URLCONF = "bench_storefront"
DEBUG = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# A fresh fragment namespace per server start: no flush of a Redis database others may use.
STOREFRONT_CACHE_NAMESPACE = os.environ.get("BENCH_CACHE_NAMESPACE", "bench")

BARE_TEMPLATE = """<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pasar UPPKS</title>
</head><body><header><a href="/">Pasar UPPKS</a></header><main><h1>Halaman statis</h1>
<p>Halaman ini tidak membaca basis data; ia hanya merender templat.</p></main></body></html>"""


def bare_view(request):
    from django.http import HttpResponse
    from django.template import engines

    return HttpResponse(engines["django"].from_string(BARE_TEMPLATE).render({}, request))


def _urlpatterns():
    from django.urls import include, path

    return [
        path("bench/bare/", bare_view),
        path("i18n/", include("django.conf.urls.i18n")),
        path("payments/", include("marketplace.payments.urls")),
        path("", include("storefront_theme.urls")),
    ]


if os.environ.get("BENCH_STOREFRONT_SERVE") == "1":  # gunicorn's import: apps first, then URLs
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    urlpatterns = _urlpatterns()


def create_database() -> None:
    catalog_data.create_database(PG_URL, DB_NAME)


def fill_catalog() -> dict:
    """10,000 published products (2 variants each, stock, a photo, mixed names) over 250 groups."""
    words = [
        "Sabun Propolis",
        "Kopi Gayo",
        "Tas Anyaman",
        "Emping Melinjo",
        "Bordir Kebaya",
        "Keripik Pisang",
        "Madu Hutan",
        "Dodol Nangka",
        "Tenun Endek",
        "Dupa Cendana",
    ]
    flavours = ["Sereh", "Mawar", "Arabika", "Pandan", "Pedas", "Original", "Jahe", "Melati"]
    categories, products = catalog_data.fill_catalog(
        products=PRODUCTS,
        groups=GROUPS,
        prefix="B",
        phone_base=3400000,
        name_of=lambda index: (
            f"{words[index % len(words)]} {flavours[index % len(flavours)]} {index}"
        ),
        variant_names=True,
        heavier_large=True,
        photos=True,  # every card shows a photo, as on the real site (thumbnail URLs per card)
    )
    return {
        "categories": [category.slug for category in categories],
        "products": [product.slug for product in products[:: PRODUCTS // 200]],
    }


def start_server(port: int, cache_seconds: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_storefront",
        "BENCH_STOREFRONT_SERVE": "1",
        "STOREFRONT_CACHE_SECONDS": str(cache_seconds),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}",
    }
    return gunicorn_server.start(
        "bench_storefront:application", port, workers=WORKERS, env=env, ready_path="/bench/bare/"
    )


def measure(base: str, paths: list[str], seconds: float) -> dict:
    """Requests, latencies and errors over ``seconds`` with ``CONCURRENCY`` clients cycling
    ``paths``."""
    import requests

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(offset: int) -> None:
        session = requests.Session()
        index, mine = offset, []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = session.get(base + paths[index % len(paths)], timeout=30)
            mine.append(time.perf_counter() - started)
            if response.status_code != 200:
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
    return {"elapsed": time.perf_counter() - started, "latencies": latencies, "errors": errors[0]}


def figures(slices: list[dict]) -> dict:
    latencies = sorted(value for piece in slices for value in piece["latencies"])
    return {
        "rps": len(latencies) / sum(piece["elapsed"] for piece in slices),
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": sum(piece["errors"] for piece in slices),
        "requests": len(latencies),
    }


def pages(data: dict) -> dict[str, list[str]]:
    searches = ["kopi gayo", "sabun propolis", "kopi gayoo", "anyamn", "emping", "madu hutan"]
    return {
        "home": ["/"],
        "listing (category)": [f"/kategori/{slug}/" for slug in data["categories"]],
        "search": [f"/cari/?q={text.replace(' ', '+')}" for text in searches],
        "product": [f"/produk/{slug}/" for slug in data["products"]],
    }


def run_mode(label: str, cache_seconds: int, data: dict, port: int) -> dict:
    """Each page is measured in ``ROUNDS`` slices alternating with slices of the bare view, so
    its ratio compares two figures taken under the same machine load (this shared machine's
    speed drifts by a quarter within a minute)."""
    import requests

    os.environ["BENCH_CACHE_NAMESPACE"] = f"bench-{time.time_ns()}"
    server = start_server(port, cache_seconds)
    base = f"http://127.0.0.1:{port}"
    bare_paths = ["/bench/bare/"]
    results = {}
    try:
        for name, paths in pages(data).items():
            if cache_seconds:  # warm every URL once: the figures are for cached pages
                for path in paths:
                    requests.get(base + path, timeout=60)
            page_slices, bare_slices = [], []
            for _round in range(ROUNDS):
                bare_slices.append(measure(base, bare_paths, SECONDS / ROUNDS))
                page_slices.append(measure(base, paths, SECONDS / ROUNDS))
            results[name] = {"page": figures(page_slices), "bare": figures(bare_slices)}
    finally:
        gunicorn_server.stop(server)
    print(f"\n{label} (STOREFRONT_CACHE_SECONDS={cache_seconds})")
    print(
        f"{'page':20} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}"
        f" {'bare req/s':>11} {'bare p50':>9} {'ratio':>6}"
    )
    for name, pair in results.items():
        page, bare = pair["page"], pair["bare"]
        print(
            f"{name:20} {page['rps']:8.1f} {page['p50']:8.1f} {page['p95']:8.1f}"
            f" {page['errors']:6d} {bare['rps']:11.1f} {bare['p50']:9.1f}"
            f" {page['rps'] / bare['rps']:6.2f}"
        )
    return results


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_storefront"
    started = time.perf_counter()
    create_database()
    data = fill_catalog()
    print(f"catalog: {PRODUCTS} products, {GROUPS} groups, set up in "
          f"{time.perf_counter() - started:.0f} s; {CONCURRENCY} clients, {WORKERS} gunicorn "
          f"workers, {SECONDS:.0f} s per page")  # fmt: skip
    from tests.fixtures.services import free_port

    run_mode("Cached fragments", 3600, data, free_port())  # long enough to outlast the warm-up
    run_mode("Uncached", 0, data, free_port())
    catalog_data.drop_database(PG_URL, DB_NAME)


if __name__ == "__main__":
    main()
