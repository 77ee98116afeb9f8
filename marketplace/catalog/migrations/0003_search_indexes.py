"""Search support for the storefront (PostgreSQL only; a no-op elsewhere, e.g. SQLite for `make run`).

pg_trgm gives typo-tolerant matching (``kopi gayoo``, ``anyamn``); the expression index serves the
full-text part. The SQL must match what ``catalog.search`` builds, so the planner can use it. The
indexes are outside Django's model state on purpose: they are expressions the ORM does not declare.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalog_product_name_trgm "
    "ON catalog_product USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_product_name_en_trgm "
    "ON catalog_product USING gin (name_en gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_product_search_vector ON catalog_product USING gin ("
    "(setweight(to_tsvector('simple'::regconfig, COALESCE(name, '') || ' ' || COALESCE(name_en, '')), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, COALESCE(description, '')), 'C')))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS catalog_product_search_vector",
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
