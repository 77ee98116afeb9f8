"""No Docker engine runs here: the compose file is checked against the code it points at."""

import configparser
import importlib
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.fixtures.pgbouncer import PgBouncer

ROOT = Path(__file__).resolve().parents[2]


def load_compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_production_services():
    services = load_compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("web", "worker", "beat", "migrate"):
        assert services[name]["build"] == "."
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_every_command_points_at_code_that_exists():
    services = load_compose()["services"]
    web = services["web"]["command"]
    assert web[0] == "gunicorn"
    module, attribute = web[1].split(":")
    assert callable(getattr(importlib.import_module(module), attribute))
    for name in ("worker", "beat"):
        command = services[name]["command"]
        assert command[:3] == ["celery", "-A", "marketplace"]
        assert importlib.import_module("marketplace").celery_app.main == "marketplace"
    assert services["migrate"]["command"][:2] == ["python", "manage.py"]
    assert (ROOT / "manage.py").exists()


def test_environment_names_match_settings():
    settings_text = (ROOT / "marketplace" / "settings.py").read_text()
    environment = load_compose()["x-app"]["environment"]
    for variable in environment:
        assert f'"{variable}"' in settings_text, variable


def test_dockerfile_copies_what_the_services_run():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for path in (
        "marketplace",
        "storefront_theme",
        "catalog_import",
        "manage.py",
        "pyproject.toml",
    ):
        assert f"COPY {path}" in dockerfile
        assert (ROOT / path).exists()
    assert "gunicorn" in dockerfile


def test_worker_listens_on_the_notifications_queue():
    command = load_compose()["services"]["worker"]["command"]
    queues = command[command.index("-Q") + 1].split(",")
    assert "notifications" in queues


def _pgbouncer_ini() -> configparser.ConfigParser:
    ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
    ini.read_string((ROOT / "docker" / "pgbouncer" / "pgbouncer.ini").read_text())
    return ini


def test_the_app_reaches_postgres_through_pgbouncer_in_transaction_mode():
    compose = load_compose()
    services = compose["services"]
    environment = compose["x-app"]["environment"]
    url = urlsplit(
        environment["DATABASE_URL"].replace("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", "x")
    )
    assert (url.hostname, url.path) == ("pgbouncer", "/pasar")
    assert environment["DATABASE_POOLER"] == "transaction"
    for name in ("web", "worker", "beat", "migrate"):
        assert services[name]["depends_on"]["pgbouncer"]["condition"] == "service_healthy"

    bouncer = services["pgbouncer"]
    assert bouncer["build"] == "docker/pgbouncer"
    assert bouncer["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert (
        bouncer["environment"]["POSTGRES_USER"]
        == services["postgres"]["environment"]["POSTGRES_USER"]
    )
    ini = _pgbouncer_ini()
    assert ini["pgbouncer"]["pool_mode"] == "transaction"
    assert int(ini["pgbouncer"]["listen_port"]) == url.port
    target = dict(part.split("=") for part in ini["databases"]["pasar"].split())
    assert target == {"host": "postgres", "port": "5432", "dbname": "pasar"}
    dockerfile = (ROOT / "docker" / "pgbouncer" / "Dockerfile").read_text()
    assert "apt-get install" in dockerfile and "pgbouncer" in dockerfile
    assert "USER postgres" in dockerfile
    for copied in ("pgbouncer.ini", "entrypoint.sh"):
        assert f"COPY {copied}" in dockerfile and (ROOT / "docker" / "pgbouncer" / copied).exists()
    # the S3 service and its bucket set-up stay
    assert {"s3", "s3-buckets"} <= set(services)


@pytest.mark.pgbouncer
def test_the_pgbouncer_config_is_one_debian_pgbouncer_starts_with():
    """Debian's pgbouncer reads the compose image's config (paths and port made local)."""
    tmp_path = Path(tempfile.mkdtemp(prefix="pgbouncer-compose-"))
    bouncer = PgBouncer(
        server_host="127.0.0.1", server_port=5432, user="postgres", workdir=tmp_path
    )
    text = (ROOT / "docker" / "pgbouncer" / "pgbouncer.ini").read_text()
    text = (
        text.replace("listen_port = 6432", f"listen_port = {bouncer.port}")
        .replace("listen_addr = 0.0.0.0", "listen_addr = 127.0.0.1")
        .replace("/etc/pgbouncer/userlist.txt", str(tmp_path / "userlist.txt"))
        .replace("/run/pgbouncer/pgbouncer.pid", str(tmp_path / "pgbouncer.pid"))
        .replace("logfile =", f"logfile = {bouncer.logfile}")
    )
    bouncer.config.write_text(text)
    bouncer.start()
    try:
        deadline = time.monotonic() + 10
        while "process up: PgBouncer" not in bouncer.log() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "process up: PgBouncer" in bouncer.log()
        assert "ERROR" not in bouncer.log() and "FATAL" not in bouncer.log()
    finally:
        bouncer.stop()
        shutil.rmtree(tmp_path, ignore_errors=True)
