"""Pasar UPPKS under test: its own PostgreSQL database, the demo catalog, gunicorn on 127.0.0.1."""

import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from .processes import Supervisor
from .timings import StepFailed

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/pasar_saleor_storefront"
CHANNEL = "default-channel"

# The demo catalog (catalog_import/samples) the purchase walks through: one product found by
# search, one reached through its category, made by two different groups.
SEARCH_TERM = "kopi gayo"
SEARCH_PRODUCT = "kopi-gayo-arabika"
CATEGORY = "sabun"
CATEGORY_PRODUCT = "sabun-propolis-madu-klungkung"


@dataclass
class Api:
    env: dict
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def graphql_url(self) -> str:
        return f"{self.base_url}/graphql/"


def api_env(
    *, run_dir: Path, database_url: str, smtp_url: str, api_origin: str, storefront_origin: str
) -> dict:
    """The server's environment: loopback only, tasks in-process, mail to the run's SMTP sink.

    The storefront pays through Saleor's dummy gateway: our API offers it only with
    PAYMENT_TEST_GATEWAY_ENABLED on and refuses it whenever DEBUG is off, so this server (and
    only this one, on loopback, with its own database) runs with both.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings",
        DEBUG="true",
        DATABASE_URL=database_url,
        REDIS_URL="",
        CELERY_BROKER_URL="memory://",
        CELERY_TASK_ALWAYS_EAGER="true",
        VAR_DIR=str(run_dir / "var"),
        MEDIA_ROOT=str(run_dir / "var" / "media"),
        EMAIL_URL=smtp_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=storefront_origin,
        SITE_URL=api_origin,
        PAYMENT_TEST_GATEWAY_ENABLED="true",
        PYTHONUNBUFFERED="1",
    )
    # Extra settings for the API, when a run needs them: "NAME=value NAME2=value".
    for pair in os.environ.get("SALEOR_STOREFRONT_API_ENV", "").split():
        name, _, value = pair.partition("=")
        env[name] = value
    return env


def reset_database(database_url: str) -> None:
    """Drop and create the run's own database (never the one a developer works in)."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not name or name in ("postgres", "template0", "template1"):
        raise StepFailed(f"refusing to reset database {name!r}")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(sup: Supervisor, env: dict) -> str:
    """Translations, schema, demo catalog; answers load_demo's output."""
    compile_env = {**env, "DATABASE_URL": f"sqlite:///{env['VAR_DIR']}/compilemessages.db"}
    Path(env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    sup.run(
        "compilemessages",
        [str(PYTHON), "manage.py", "compilemessages", "--ignore=.venv", "--ignore=node_modules"],
        cwd=ROOT,
        env=compile_env,
        timeout=300,
    )
    sup.run(
        "migrate",
        [str(PYTHON), "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    return sup.run(
        "load_demo", [str(PYTHON), "manage.py", "load_demo"], cwd=ROOT, env=env, timeout=600
    )


def start(sup: Supervisor, env: dict, port: int) -> Api:
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    sup.start(
        "api",
        [
            str(gunicorn),
            "marketplace.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "120",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
    )
    api = Api(env=env, port=port)
    sup.wait_http("api", api.graphql_url, timeout=60, json_body=b'{"query": "{ shop { name } }"}')
    return api


def setup_django(env: dict) -> None:
    """Use the server's settings and database in this process for the checks after the purchase."""
    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def portal_logins() -> dict[str, tuple[str, str]]:
    """One portal login per group of the purchase: the demo leader, and one made for this run."""
    from catalog_import.management.commands.load_demo import (
        MEMBER_EMAIL,
        MEMBER_GROUP,
        MEMBER_PASSWORD,
    )
    from marketplace.accounts.models import User
    from marketplace.catalog.models import Product
    from marketplace.groups.models import GroupMember, MemberRole

    logins = {MEMBER_GROUP: (MEMBER_EMAIL, MEMBER_PASSWORD)}
    for slug in (SEARCH_PRODUCT, CATEGORY_PRODUCT):
        group = Product.objects.select_related("group").get(slug=slug).group
        if group.code in logins:
            continue
        email = f"ketua.{group.code.lower()}@storefront-run.example.id"
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(email=email, password=password, first_name="Ketua")
        GroupMember.objects.create(group=group, user=user, role=MemberRole.KETUA)
        logins[group.code] = (email, password)
    return logins


def expected_products() -> dict[str, dict]:
    """What the pages must show for the two products: name, group and each variant's price."""
    from marketplace.catalog.models import Product

    found = {}
    for slug in (SEARCH_PRODUCT, CATEGORY_PRODUCT):
        product = Product.objects.select_related("group").get(slug=slug)
        variants = [
            {"pk": v.pk, "name": v.label, "sku": v.sku, "price": v.price}
            for v in product.variants.order_by("pk")
        ]
        found[slug] = {"name": product.name, "group": product.group.code, "variants": variants}
    if found[SEARCH_PRODUCT]["group"] == found[CATEGORY_PRODUCT]["group"]:
        raise StepFailed("the two demo products must come from two different groups")
    return found


def order_routing(number: int) -> dict:
    """The placed order as our database holds it: lines per group, fulfillment per group."""
    from marketplace.orders.models import Order

    order = Order.objects.prefetch_related(
        "lines__group", "fulfillments__group", "fulfillments__lines__order_line"
    ).get(number=number)
    groups: dict[str, dict] = {}
    for fulfillment in order.fulfillments.all():
        groups[fulfillment.group.code] = {
            "fulfillment_id": fulfillment.pk,
            "status": fulfillment.status,
            "lines": sorted(
                (line.order_line.product_name, line.order_line.sku, line.quantity)
                for line in fulfillment.lines.all()
            ),
        }
    return {
        "email": order.email,
        "user_email": order.user.email if order.user_id else None,
        "total": order.total,
        "shipping_total": order.shipping_total,
        "status": order.status,
        "charge_status": order.charge_status,
        "line_groups": sorted({line.group.code for line in order.lines.all()}),
        "groups": groups,
    }
