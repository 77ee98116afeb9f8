"""LOG_FORMAT=json: every log line is one JSON object (python-json-logger) with the time,
level, logger, message and any extra fields; the default stays plain text."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (
    "import django, logging; django.setup(); "
    "logging.getLogger('marketplace.orders').warning("
    "'pesanan %s dibatalkan', 'PU-1042', extra={'order_number': 'PU-1042'})"
)


def run_with(log_format: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LOG_FORMAT", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings",
        DEBUG="true",
        DATABASE_URL="sqlite:////tmp/pasar-json-logs.db",
        REDIS_URL="",
    )
    if log_format:
        env["LOG_FORMAT"] = log_format
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.strip()


def test_json_logs_are_one_object_per_line():
    line = run_with("json")

    record = json.loads(line)
    assert record["level"] == "WARNING"
    assert record["logger"] == "marketplace.orders"
    assert record["message"] == "pesanan PU-1042 dibatalkan"
    assert record["order_number"] == "PU-1042"
    assert record["time"][:2] == "20"


def test_plain_logs_by_default():
    line = run_with(None)

    assert line.endswith("WARNING marketplace.orders pesanan PU-1042 dibatalkan")
    assert not line.startswith("{")
