"""No Docker engine runs here: the compose file is checked against the code it points at."""

import importlib
from pathlib import Path

import yaml

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
