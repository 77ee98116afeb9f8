"""On PostgreSQL the database itself refuses to change or delete a posted ledger row."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION settlement_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are append-only: post a correcting entry instead';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGERS = [
    "CREATE TRIGGER settlement_entry_append_only BEFORE UPDATE OR DELETE "
    "ON settlement_ledgerentry FOR EACH ROW EXECUTE FUNCTION settlement_ledger_append_only();",
    "CREATE TRIGGER settlement_transaction_append_only BEFORE UPDATE OR DELETE "
    "ON settlement_ledgertransaction FOR EACH ROW EXECUTE FUNCTION settlement_ledger_append_only();",
]
DROP = [
    "DROP TRIGGER IF EXISTS settlement_entry_append_only ON settlement_ledgerentry;",
    "DROP TRIGGER IF EXISTS settlement_transaction_append_only ON settlement_ledgertransaction;",
    "DROP FUNCTION IF EXISTS settlement_ledger_append_only();",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in [FUNCTION, *TRIGGERS]:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("settlement", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
