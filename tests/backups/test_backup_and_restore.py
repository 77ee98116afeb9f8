"""A backup of a database with orders, payments and ledger rows restores into an empty one."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from marketplace.backups.services import COUNTED_TABLES, table_counts
from marketplace.checkout.services import add_lines, complete_checkout
from marketplace.payments.bank_transfer import start_bank_transfer, submit_proof
from marketplace.settlement.reconciliation import ledger_problems
from tests.factories.catalog import ProductMediaFactory, StockFactory
from tests.factories.checkout import CheckoutFactory
from tests.factories.orders import pay_by_bank_transfer
from tests.factories.payments import image_bytes

ROOT = Path(__file__).resolve().parents[2]


def _server_dsn(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    )


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(_server_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_server_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _shop_with_money():
    """Two paid orders (ledger rows), one transfer waiting with its proof, a product photo."""
    stock = StockFactory(quantity=20, variant__price=25_000, variant__weight_g=300)
    photo = ProductMediaFactory(product=stock.variant.product)
    for _ in range(2):
        checkout = CheckoutFactory()
        add_lines(checkout.pk, [(stock.variant_id, 2)])
        pay_by_bank_transfer(complete_checkout(checkout.pk))
    checkout = CheckoutFactory()
    add_lines(checkout.pk, [(stock.variant_id, 1)])
    waiting = complete_checkout(checkout.pk)
    start_bank_transfer(waiting.pk)
    return photo, submit_proof(waiting.pk, data=image_bytes())


def _restore(env_database: str, backup: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """``manage.py restore`` as an operator runs it: production settings, a new database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": _server_dsn(env_database),
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
        "PAYMENT_PROOF_ROOT": str(tmp_path / "restored-proofs"),
        "CELERY_TASK_ALWAYS_EAGER": "true",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", "--from", str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database_with_a_clean_ledger(
    tmp_path, empty_database, settings
):
    settings.PAYMENT_PROOF_ROOT = tmp_path / "proofs"
    photo, proof = _shop_with_money()
    assert ledger_problems() == []
    before = table_counts()
    assert before["settlement_ledgerentry"] > 0 and before["orders_order"] == 3

    call_command("backup", "--to", str(tmp_path / "backups"))
    (backup,) = (tmp_path / "backups").iterdir()
    assert (backup / "database.dump").read_bytes().startswith(b"PGDMP")  # custom format
    assert (backup / "proofs" / proof.file.name).read_bytes() == image_bytes()

    done = _restore(empty_database, backup, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "ledger reconciliation: clean" in done.stdout

    with psycopg.connect(_server_dsn(empty_database)) as restored:
        for table in COUNTED_TABLES:
            (count,) = restored.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
            assert count == before[table], table
        (entries_total,) = restored.execute(
            "SELECT coalesce(sum(amount), 0) FROM settlement_ledgerentry"
        ).fetchone()
        assert entries_total == 0
    assert (tmp_path / "restored-proofs" / proof.file.name).read_bytes() == image_bytes()
    photo.image.open("rb")
    assert (tmp_path / "restored-media" / photo.image.name).read_bytes() == photo.image.read()
    photo.image.close()

    again = _restore(empty_database, backup, tmp_path)  # never over a database in use
    assert again.returncode == 1
    assert "is not empty" in again.stderr
