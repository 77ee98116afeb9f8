"""Settings come from the environment with production-safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_check(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_overrides)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_in_production_without_secret_key():
    result = run_check({"DATABASE_URL": "sqlite:////tmp/pasar-check.sqlite3"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_deploy_check_with_production_variables_leaves_only_the_explained_warning():
    result = run_check(
        {
            "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-9f8e7d6c",
            "ALLOWED_HOSTS": "pasar-uppks.id",
            "DATABASE_URL": "sqlite:////tmp/pasar-check.sqlite3",
        },
        "--deploy",
        "--fail-level",
        "ERROR",
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "(security." in line]
    # HSTS preload is a one-way commitment left to the operator (README, "Production").
    assert [w.split(")")[0] + ")" for w in warnings] == ["?: (security.W021)"]


def test_language_time_zone_and_money_defaults():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.CURRENCY == "IDR"
    assert settings.DEFAULT_CHANNEL_SLUG == "default-channel"


def test_suite_runs_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_debug_is_off_and_cookies_secure_by_default():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='marketplace.settings';"
            "from django.conf import settings as s;"
            "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}},
            "SECRET_KEY": "k" * 50,
        },
    )
    assert result.stdout.split() == ["False", "True", "True", "True"], result.stderr
