"""Order numbers come from a PostgreSQL sequence: unique under concurrent checkouts, no lock.

SQLite (the embedded default) serializes writers, so there the next number is max + 1.
"""

from django.db import migrations

FIRST_ORDER_NUMBER = 100001


def create_sequence(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE SEQUENCE IF NOT EXISTS orders_order_number_seq START {FIRST_ORDER_NUMBER}"
    )


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP SEQUENCE IF EXISTS orders_order_number_seq")


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RunPython(create_sequence, drop_sequence)]
