"""The vocabulary of product names that search corrects typos against (``catalog.SearchWord``).

On PostgreSQL a trigram index serves the typo look-ups (``word %> 'gayoo'``); the prefix look-ups
(``word LIKE 'gay%'``) use the ``varchar_pattern_ops`` index Django makes for a character primary
key (``catalog_searchword_word_…_like``). The table is filled once here from the products there
are; ``catalog.services.refresh_search_words`` keeps it current. SQLite (``make run``) gets the
empty table only: its search fallback does not read it.
"""

from django.db import migrations, models

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalog_searchword_word_trgm "
    "ON catalog_searchword USING gin (word gin_trgm_ops)",
    "INSERT INTO catalog_searchword (word, documents) "
    "SELECT word, ndoc FROM ts_stat($$SELECT to_tsvector('simple'::regconfig, "
    "COALESCE(name, '') || ' ' || COALESCE(name_en, '')) FROM catalog_product$$) "
    "WHERE length(word) <= 64 AND word ~ '[[:alpha:]]' AND word !~ '[^[:alnum:]]' "
    "ON CONFLICT (word) DO NOTHING",
    "ANALYZE catalog_searchword",
]
BACKWARD = ["DROP INDEX IF EXISTS catalog_searchword_word_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_search_indexes")]
    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "word",
                    models.CharField(
                        max_length=64, primary_key=True, serialize=False, verbose_name="word"
                    ),
                ),
                ("documents", models.PositiveIntegerField(default=0, verbose_name="products")),
            ],
            options={"verbose_name": "search word", "verbose_name_plural": "search words"},
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
