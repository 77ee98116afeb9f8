"""Backups: one consistent database dump plus a snapshot of the media, and their restore.

``take_backup(folder)`` writes ``<folder>/<UTC stamp>/`` with

- ``database.dump``: ``pg_dump --format=custom``, which reads the whole database in one
  repeatable-read snapshot (one transaction), so orders, payments and ledger rows agree;
- ``media/`` and ``proofs/``: every file of the photo storage and the payment-proof storage
  (local folders or S3 buckets alike, read through the configured storages), copied *after*
  the dump: stored files are never rewritten, so every file the dump names is there.
  Thumbnails are left out: they are made again on first request;
- ``manifest.json``: what was taken (row counts of the money tables, file list with sizes,
  the dump's SHA-256, pg_dump's version).

``restore_backup(folder)`` refuses a database that already has tables, runs ``pg_restore``
(stopping at the first error), puts the files back into the configured storages and returns the
ledger reconciliation's problems (none when the books agree).
"""

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.db import connection

from marketplace.payments.storage import proof_storage
from marketplace.settlement.reconciliation import ledger_problems

SKIPPED_PREFIXES = ("thumbnails/",)
COUNTED_TABLES = (
    "orders_order",
    "orders_orderline",
    "payments_transactionitem",
    "payments_paymentproof",
    "settlement_ledgertransaction",
    "settlement_ledgerentry",
    "settlement_ledgeraccount",
)


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Restored:
    tables: dict[str, int]
    files: int
    problems: list[dict]


def _pg_environment(database: dict) -> dict[str, str]:
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[name] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


def _database() -> dict:
    database = connection.settings_dict
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Backups need PostgreSQL (the production database).")
    return database


def _run(command: list[str], env: dict) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout


def _walk(storage: Storage, folder: str = ""):
    """Every file name in a storage (a local folder or a bucket), skipping made-again files."""
    folders, files = storage.listdir(folder)
    for name in files:
        path = f"{folder}{name}"
        if not path.startswith(SKIPPED_PREFIXES):
            yield path
    for sub in folders:
        path = f"{folder}{sub}/"
        if not path.startswith(SKIPPED_PREFIXES):
            yield from _walk(storage, path)


def _copy_out(storage: Storage, target: Path) -> list[dict]:
    copied = []
    for name in _walk(storage):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, destination.open("wb") as out:
            shutil.copyfileobj(source, out)
        copied.append({"name": name, "size": destination.stat().st_size})
    return copied


def _local_or_empty(storage: Storage) -> bool:
    try:
        storage.listdir("")
    except FileNotFoundError:
        return False
    return True


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in COUNTED_TABLES:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (fixed names)
            counts[table] = cursor.fetchone()[0]
    return counts


def take_backup(folder: Path) -> Path:
    """Dump the database and copy the media into a new folder under ``folder``; its path."""
    database = _database()
    env = _pg_environment(database)
    target = Path(folder) / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target.mkdir(parents=True, exist_ok=False)
    dump = target / "database.dump"
    _run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={dump}",
            database["NAME"],
        ],
        env,
    )
    counts = table_counts()  # after the dump: informative (the dump is the truth)
    media = _copy_out(default_storage, target / "media") if _local_or_empty(default_storage) else []
    proofs = _copy_out(proof_storage, target / "proofs") if _local_or_empty(proof_storage) else []
    manifest = {
        "taken_at": datetime.now(UTC).isoformat(),
        "database": database["NAME"],
        "pg_dump": _run(["pg_dump", "--version"], env).strip(),
        "dump_sha256": hashlib.sha256(dump.read_bytes()).hexdigest(),
        "tables_after_dump": counts,
        "media_storage": settings.STORAGES["default"]["BACKEND"],
        "media": media,
        "proofs": proofs,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return target


def _has_tables() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        return cursor.fetchone()[0] > 0


def _copy_in(source: Path, storage: Storage, names: list[dict]) -> int:
    restored = 0
    for entry in names:
        name = entry["name"]
        if storage.exists(name):
            continue
        with (source / name).open("rb") as data:
            saved = storage.save(name, File(data))
        if saved != name:
            raise BackupError(f"storage renamed {name} to {saved}")
        restored += 1
    return restored


def restore_backup(folder: Path, *, files: bool = True) -> Restored:
    """Restore a backup into the configured, empty database and storages; the ledger check."""
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    dump = folder / "database.dump"
    if hashlib.sha256(dump.read_bytes()).hexdigest() != manifest["dump_sha256"]:
        raise BackupError("database.dump does not match its manifest (damaged copy?)")
    database = _database()
    if _has_tables():
        raise BackupError(
            f"Database {database['NAME']} is not empty: restore only into a new, empty database."
        )
    connection.close()
    _run(
        [
            "pg_restore",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={database['NAME']}",
            str(dump),
        ],
        _pg_environment(database),
    )
    count = 0
    if files:
        count += _copy_in(folder / "media", default_storage, manifest["media"])
        count += _copy_in(folder / "proofs", proof_storage, manifest["proofs"])
    return Restored(tables=table_counts(), files=count, problems=ledger_problems())
