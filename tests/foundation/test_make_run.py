"""The embedded default keeps working: `make run`'s set-up on SQLite, then / and /admin/ answer."""

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.fixtures.services import free_port

ROOT = Path(__file__).resolve().parents[2]


def local_env(var_dir: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "MAKEFLAGS",
            "MFLAGS",
            "MAKELEVEL",
        }
    }
    env.update(
        DEBUG="true",
        VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir}/db.sqlite3",
        CELERY_BROKER_URL="memory://",
        CELERY_TASK_ALWAYS_EAGER="true",
    )
    return env


def test_make_run_setup_serves_home_and_admin_on_sqlite(tmp_path):
    setup = subprocess.run(
        ["make", "--no-print-directory", "demo", f"VAR_DIR={tmp_path}"],
        cwd=ROOT,
        env=local_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert setup.returncode == 0, setup.stdout[-3000:] + setup.stderr[-3000:]
    assert (tmp_path / "db.sqlite3").exists()
    assert "@" in setup.stdout  # the demo staff login is printed

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=local_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                home = requests.get(base + "/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            raise AssertionError("runserver did not answer")
        assert home.status_code == 200
        assert 'lang="id"' in home.text
        assert "Rp " in home.text  # demo products with rupiah prices
        admin = requests.get(base + "/admin/", timeout=5, allow_redirects=True)
        assert admin.status_code == 200
        assert "/admin/login/" in admin.url
    finally:
        server.terminate()
        server.wait(timeout=20)
