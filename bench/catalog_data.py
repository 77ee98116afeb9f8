"""A benchmark catalogue shared by the storefront and GraphQL benches: its own PostgreSQL
database filled with published products (two variants with stock each) over many groups.

Not a benchmark itself (``make bench`` runs only ``bench_*.py``).
"""

from collections.abc import Callable


def create_database(pg_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(pg_url: str, name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def fill_catalog(
    *,
    products: int,
    groups: int,
    prefix: str,
    phone_base: int,
    name_of: Callable[[int], str],
    name_en_of: Callable[[int], str] | None = None,
    photos: bool = False,
    variant_names: bool = False,
    heavier_large: bool = False,
) -> tuple[list, list]:
    """Migrate, then bulk-insert the catalogue; returns (sub-categories, products)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from marketplace.catalog.models import Category, Product, ProductMedia, ProductVariant, Stock
    from marketplace.groups.models import UppksGroup
    from marketplace.regions.models import Regency

    regencies = list(Regency.objects.order_by("code"))
    categories = list(Category.objects.filter(parent__isnull=False).order_by("pk"))
    group_rows = UppksGroup.objects.bulk_create(
        UppksGroup(
            code=f"{prefix}-{index:04d}",
            name=f"UPPKS Bench {index}",
            slug=f"uppks-bench-{index}",
            regency=regencies[(index * 7) % len(regencies)],
            phone=f"+62812{phone_base + index:07d}",
            story="Kelompok ibu-ibu pembuat produk rumahan.",
        )
        for index in range(groups)
    )
    product_rows = Product.objects.bulk_create(
        Product(
            group=group_rows[index % groups],
            category=categories[index % len(categories)],
            name=name_of(index),
            name_en=name_en_of(index) if name_en_of else "",
            slug=f"produk-bench-{index}",
            description="<p>Dibuat tangan oleh kelompok UPPKS dengan bahan lokal.</p>",
            status="approved",
            permit_number="P-IRT 1234567890123-26",
            halal_number="ID0000000000000000",
        )
        for index in range(products)
    )
    if photos:
        ProductMedia.objects.bulk_create(
            ProductMedia(
                product=product, image=f"products/bench-{product.pk}.jpg", alt=product.name
            )
            for product in product_rows
        )
    sku_prefix = "GQL" if prefix == "GQL" else "BENCH"
    variants = ProductVariant.objects.bulk_create(
        ProductVariant(
            product=product,
            sku=f"{sku_prefix}-{product.pk}-{size}",
            name=size if variant_names else "",
            options={"Ukuran": size},
            price=15_000 + (product.pk % 50) * 1_000 + offset,
            weight_g=250 + (offset // 100 if heavier_large else 0),
        )
        for product in product_rows
        for size, offset in (("Kecil", 0), ("Besar", 10_000))
    )
    Stock.objects.bulk_create(
        Stock(variant=variant, group=variant.product.group, quantity=(variant.pk % 7) * 3)
        for variant in variants
    )
    from marketplace.catalog.services import refresh_search_words

    refresh_search_words()  # what the beat task does every few minutes
    with connection.cursor() as cursor:
        # After a bulk load, as autovacuum would do on its own (it is off on this machine's
        # PostgreSQL): statistics for the planner, and the full-text index's pending list merged.
        cursor.execute("VACUUM ANALYZE")
    return categories, product_rows
