"""Benchmark: importing 5,000 and 50,000 product rows (CSV and XLSX) into PostgreSQL.

Runs every measurement in a fresh child process (so peak RSS is that import's own), against a
database of its own (``<DATABASE_URL name>_bench_import``, dropped and created here), and imports
the same rows with django-import-export into the same models for comparison.

    .venv/bin/python bench/bench_import.py            # everything (several minutes)
    .venv/bin/python bench/bench_import.py --quick    # 5k rows only
    .venv/bin/python bench/bench_import.py --full     # also django-import-export on 50k rows

By default django-import-export runs on the 5k rows only: on 50k rows it takes half an hour here.
"""

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CATEGORIES = [
    ("Anyaman", "", ""),
    ("Kerajinan > Bordir", "", ""),
    ("Tenun & Endek", "", ""),
    ("Dupa", "", ""),
    ("Kosmetik & Perawatan > Sabun", "BPOM NA18201200100", ""),
    ("Camilan", "P-IRT 2051105010100-28", "ID51110000123450125"),
]
HEADER = [
    "group_code", "sku", "parent_sku", "name", "category", "price", "stock", "weight",
    "description", "options", "images", "halal_number", "permit_number",
]  # fmt: skip
GROUPS = 50


def bench_database_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pasar_uppks")
    parsed = urlparse(base)
    name = parsed.path.lstrip("/") or "pasar_uppks"
    return urlunparse(parsed._replace(path=f"/{name}_bench_import"))


def child_env(db_url: str, media: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DEBUG": "false",  # DEBUG would keep every SQL query in memory
        "SECRET_KEY": "bench-only-secret-key",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "memory://",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "MEDIA_ROOT": media,
        "LOG_LEVEL": "ERROR",
    }


def rows(count: int):
    """``count`` variant rows: products of 1 to 3 variants, spread over 50 groups."""
    product = 0
    written = 0
    while written < count:
        variants = 1 + product % 3
        category, permit, halal = CATEGORIES[product % len(CATEGORIES)]
        group = f"BENCH-{product % GROUPS:03d}"
        for variant in range(min(variants, count - written)):
            yield [
                group,
                f"P{product:06d}-V{variant}",
                f"P{product:06d}",
                f"Produk UPPKS nomor {product}",
                category,
                f"Rp {25_000 + 500 * (product % 40) + 1000 * variant:,}".replace(",", "."),
                str(10 + product % 50),
                f"{250 + 10 * variant} g",
                f"<p>Dibuat tangan oleh kelompok {group}. Produk nomor {product}.</p>",
                f"Ukuran={['Kecil', 'Sedang', 'Besar'][variant]}",
                "",
                halal,
                permit,
            ]
            written += 1
        product += 1


def write_files(folder: Path, count: int) -> dict:
    csv_path = folder / f"produk-{count}.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows(count))
    from openpyxl import Workbook

    xlsx_path = folder / f"produk-{count}.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("produk")
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append(row)
    workbook.save(xlsx_path)
    return {"csv": csv_path, "xlsx": xlsx_path}


# ---- parent: database, files, scenarios ---------------------------------------------------


def recreate_database(db_url: str) -> None:
    import psycopg

    parsed = urlparse(db_url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def run_child(env: dict, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--full", action="store_true", help="also run django-import-export on 50k rows (slow)"
    )
    parser.add_argument("--child", nargs="+")
    options = parser.parse_args()
    if options.child:
        print(json.dumps(child(*options.child)))
        return
    db_url = bench_database_url()
    recreate_database(db_url)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        env = child_env(db_url, str(Path(tmp) / "media"))
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True
        )
        run_child(env, "setup")
        sizes = [5_000] if options.quick else [5_000, 50_000]
        files = {size: write_files(Path(tmp), size) for size in sizes}
        results = []
        for size in sizes:
            for fmt in ("csv", "xlsx"):
                run_child(env, "reset")
                results.append(run_child(env, "ours", str(files[size][fmt]), str(size), fmt))
            results.append(run_child(env, "ours", str(files[size]["csv"]), str(size), "csv-again"))
            if size <= 5_000 or options.full:
                run_child(env, "reset")
                results.append(
                    run_child(env, "baseline", str(files[size]["csv"]), str(size), "csv")
                )
        report(results, db_url)


def report(results: list[dict], db_url: str) -> None:
    print(f"Catalog import benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {platform.node()}")
    print(f"{os.cpu_count()} CPUs, Python {platform.python_version()}, database {db_url}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("seconds = wall clock; CPU s = the importing process's own CPU time (without PostgreSQL)")
    print(f"{'importer':<26}{'rows':>8}{'format':>11}{'seconds':>10}{'CPU s':>8}{'rows/s':>10}"
          f"{'peak RSS MB':>13}{'RSS growth MB':>15}  outcome")  # fmt: skip
    for r in results:
        print(
            f"{r['importer']:<26}{r['rows']:>8}{r['format']:>11}{r['seconds']:>10.1f}"
            f"{r.get('cpu_seconds', 0):>8.1f}{r['rows'] / r['seconds']:>10.0f}"
            f"{r['peak_rss_mb']:>13.0f}"
            f"{r['peak_rss_mb'] - r['start_rss_mb']:>15.0f}  {r['outcome']}"
        )
    for size in sorted({r["rows"] for r in results}):
        ours = next(r for r in results if r["rows"] == size and r["format"] == "csv"
                    and r["importer"] == "catalog_import")  # fmt: skip
        base = next(
            (r for r in results if r["rows"] == size and r["importer"] != "catalog_import"), None
        )
        if base is None:
            continue
        print(
            f"{size} rows CSV: catalog_import {ours['seconds']:.1f} s, django-import-export "
            f"{base['seconds']:.1f} s: {base['seconds'] / ours['seconds']:.1f}x faster"
        )


# ---- children: one measured operation each -------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(task: str, *args: str) -> dict:
    import django

    django.setup()
    if task == "setup":
        return setup_groups()
    if task == "reset":
        return reset_catalog()
    path, size, fmt = args[0], int(args[1]), args[2]
    start_rss = _rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    outcome = import_ours(path) if task == "ours" else import_baseline(path)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    return {
        "importer": "catalog_import" if task == "ours" else "django-import-export",
        "rows": size,
        "format": fmt,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "start_rss_mb": start_rss,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "outcome": outcome,
    }


def setup_groups() -> dict:
    from marketplace.groups.services import GroupData, save_group

    for n in range(GROUPS):
        regency = "51.05" if n % 2 else "11.04"
        save_group(
            GroupData(
                code=f"BENCH-{n:03d}",
                name=f"UPPKS Bench {n}",
                regency_code=regency,
                phone=f"+62812{3400000 + n:07d}",
            )
        )
    return {"groups": GROUPS}


def reset_catalog() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE catalog_product, catalog_productvariant, catalog_stock, "
            "catalog_productmedia, catalog_import_productimportkey CASCADE"
        )
    return {"reset": True}


def import_ours(path: str) -> str:
    from catalog_import.importer import ImportOptions, import_file

    report = import_file(path, "products", ImportOptions())
    try:
        counts = report.counts
        if report.error or counts["rejected"]:
            raise SystemExit(f"import failed: {report.error} {counts}")
        return ", ".join(f"{k} {counts[k]}" for k in ("created", "updated", "unchanged"))
    finally:
        report.close()


def import_baseline(path: str) -> str:
    """django-import-export, used the usual way, into the same models from the same rows."""
    import tablib
    from import_export import fields, resources, widgets

    from catalog_import.validation import CategoryIndex
    from catalog_import.values import parse_options, parse_price, parse_weight
    from marketplace.catalog.models import Product, ProductVariant, Stock
    from marketplace.core.sanitize import sanitize_html
    from marketplace.groups.models import UppksGroup

    class Parsed(widgets.Widget):
        def __init__(self, parse):
            super().__init__()
            self.parse = parse

        def clean(self, value, row=None, **kwargs):
            return self.parse(value)

    groups = {g.code: g for g in UppksGroup.objects.all()}
    categories = CategoryIndex()

    class VariantResource(resources.ModelResource):
        price = fields.Field(attribute="price", column_name="price", widget=Parsed(parse_price))
        weight_g = fields.Field(
            attribute="weight_g", column_name="weight", widget=Parsed(parse_weight)
        )
        options = fields.Field(
            attribute="options", column_name="options", widget=Parsed(parse_options)
        )

        class Meta:
            model = ProductVariant
            import_id_fields = ["sku"]
            fields = ["sku", "price", "weight_g", "options"]
            skip_unchanged = True

        def before_save_instance(self, instance, row, **kwargs):
            group = groups[row["group_code"]]
            key = row["parent_sku"] or row["sku"]
            product = Product.objects.filter(slug=f"bench-{key.lower()}").first()
            if product is None:
                product = Product.objects.create(
                    group=group,
                    category=categories.find(row["category"]),
                    name=row["name"],
                    slug=f"bench-{key.lower()}",
                    description=sanitize_html(row["description"]),
                    permit_number=row["permit_number"],
                    halal_number=row["halal_number"],
                )
            instance.product = product

        def after_save_instance(self, instance, row, **kwargs):
            Stock.objects.update_or_create(
                variant=instance,
                group=instance.product.group,
                defaults={"quantity": int(row["stock"] or 0)},
            )

    with open(path, encoding="utf-8") as handle:
        dataset = tablib.Dataset().load(handle.read(), format="csv", delimiter=";")
    result = VariantResource().import_data(dataset, raise_errors=True, use_transactions=True)
    totals = result.totals
    return f"created {totals['new']}, updated {totals['update']}, unchanged {totals['skip']}"


if __name__ == "__main__":
    main()
