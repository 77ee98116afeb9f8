"""Search support for the storefront (PostgreSQL only; a no-op elsewhere, e.g. SQLite for `make run`).

pg_trgm gives typo-tolerant matching (``kopi gayoo``, ``anyamn``). The full-text part reads a
stored generated column, ``search_vector`` (name and English name weighted A, description C), so a
search never re-parses descriptions row by row. Column and indexes are outside Django's model
state on purpose: the ORM never writes the column (PostgreSQL computes it) and
``catalog.search`` reads it by name.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalog_product_name_trgm "
    "ON catalog_product USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_product_name_en_trgm "
    "ON catalog_product USING gin (name_en gin_trgm_ops)",
    "ALTER TABLE catalog_product ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, COALESCE(name, '') || ' ' || COALESCE(name_en, '')), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, COALESCE(description, '')), 'C')) STORED",
    "CREATE INDEX IF NOT EXISTS catalog_product_search_vector "
    "ON catalog_product USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS catalog_product_search_vector",
    "ALTER TABLE catalog_product DROP COLUMN IF EXISTS search_vector",
    "DROP INDEX IF EXISTS catalog_product_name_en_trgm",
    "DROP INDEX IF EXISTS catalog_product_name_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_load_categories")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
