"""The storefront's constant statements are prepared once per connection; the ORM's are not.

``core.sql.fetch_prepared`` runs on Django's cursor wrapper, so query counts see it, and a pooler
that cannot keep prepared statements gets them off with DATABASE_PREPARED_STATEMENTS=false.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Product
from marketplace.core.sql import fetch_prepared, id_list_condition
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_constant_statement_is_prepared_and_answers_like_a_plain_query():
    products = [shop_product(name=f"Tas {index}") for index in range(3)]
    condition, params = id_list_condition("id", [product.pk for product in products[:2]])

    rows = fetch_prepared(f"SELECT name FROM catalog_product WHERE {condition} ORDER BY id", params)

    assert rows == [("Tas 0",), ("Tas 1",)]
    statement = "SELECT name FROM catalog_product WHERE id = ANY($1::bigint[]) ORDER BY id"
    assert statement in prepared_statements()


def test_one_statement_serves_any_number_of_ids():
    products = [shop_product(name=f"Tas {index}") for index in range(3)]
    sql = "SELECT count(*) FROM catalog_product WHERE {}"
    for count in (1, 2, 3):
        condition, params = id_list_condition("id", [p.pk for p in products[:count]])
        assert fetch_prepared(sql.format(condition), params) == [(count,)]

    assert sum("SELECT count(*) FROM catalog_product" in s for s in prepared_statements()) == 1


def test_prepared_statements_are_counted_like_any_query():
    with CaptureQueriesContext(connection) as queries:
        fetch_prepared("SELECT 1 + %s", [1])

    assert [query["sql"] for query in queries.captured_queries] == ["SELECT 1 + 1"]


def test_the_orm_keeps_its_queries_unprepared():
    shop_product(name="Tas Pandan")
    before = set(prepared_statements())

    list(Product.objects.filter(name="Tas Pandan").values_list("pk", flat=True))
    Product.objects.filter(name__startswith="Tas").count()

    assert set(prepared_statements()) == before


@pytest.mark.parametrize(("value", "threshold"), [("", "0"), ("false", "None")])
def test_database_prepared_statements_sets_the_connections_threshold(value, threshold):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(SECRET_KEY="k" * 50, DATABASE_URL="postgres://postgres@127.0.0.1:5432/x")
    if value:
        env["DATABASE_PREPARED_STATEMENTS"] = value
    code = (
        "import os;os.environ['DJANGO_SETTINGS_MODULE']='marketplace.settings';"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['OPTIONS']['prepare_threshold'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.stdout.split() == [threshold], result.stderr
