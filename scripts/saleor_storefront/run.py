"""`make saleor-storefront SALEOR_STOREFRONT_DIR=/path/to/checkout`: Saleor's storefront buys.

Installs the storefront's packages (pnpm at its declared version, from npm), starts Pasar UPPKS
with the demo catalog on 127.0.0.1, runs the storefront's codegen against our live schema, its
type-check and `pnpm build`, serves it with `next start` on 127.0.0.1, drives a purchase from two
groups in headless Chromium, then checks our database and both group portals. Prints
`order placed: #NNNNNN` and the time of each step. Without SALEOR_STOREFRONT_DIR it skips.
Everything it starts is stopped at the end, also when a step fails.
"""

import json
import os
import re
import secrets
import sys
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "scripts.saleor_storefront"

from aiosmtpd.controller import Controller  # noqa: E402

from tests.fixtures.services import free_port  # noqa: E402
from tests.fixtures.smtp import SmtpSink  # noqa: E402

from . import checks, pasar, storefront  # noqa: E402
from .fonts import FontServer  # noqa: E402
from .processes import Supervisor  # noqa: E402
from .shopper import Purchase, Shopper  # noqa: E402
from .timings import StepFailed, Timings  # noqa: E402

# What counts as a failure in a server's log: Next's errors, our tracebacks and 5xx answers.
LOG_PATTERNS = {
    "storefront": re.compile(r"error|unhandled|failed", re.I),
    "api": re.compile(r"ERROR|Traceback|\" 5\d\d "),
}


def main() -> int:
    checkout_dir = os.environ.get("SALEOR_STOREFRONT_DIR", "").strip()
    if not checkout_dir:
        print("saleor-storefront: skipped (SALEOR_STOREFRONT_DIR is not set)")
        return 0
    checkout = Path(checkout_dir).resolve()
    if not (checkout / "package.json").is_file():
        print(f"saleor-storefront: {checkout} has no package.json; not a storefront checkout")
        return 2
    run_dir = Path(
        os.environ.get("SALEOR_STOREFRONT_RUN_DIR", pasar.ROOT / "var" / "saleor-storefront")
    )
    log_dir = run_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("SALEOR_STOREFRONT_DATABASE_URL", pasar.DEFAULT_DATABASE_URL)
    api_port, storefront_port = free_port(), free_port()
    sink = SmtpSink(port=free_port())
    smtp = Controller(sink, hostname="127.0.0.1", port=sink.port, decode_data=False)
    smtp.start()
    sup = Supervisor(log_dir=log_dir)
    timings = Timings()
    revision = storefront.commit(checkout)
    print(f"saleor storefront: {checkout} at {revision}", flush=True)
    purchase = Purchase(
        email=f"pembeli.{secrets.token_hex(3)}@storefront-run.example.id",
        password=secrets.token_urlsafe(12),
    )
    failure = None
    try:
        run(
            checkout, run_dir, database_url, api_port, storefront_port, sink, sup, timings, purchase
        )
    except StepFailed as err:
        failure = str(err)
    except KeyboardInterrupt:
        failure = "interrupted"
    except Exception as err:  # a bug of the harness or a server answer it did not expect
        traceback.print_exc()
        failure = f"{type(err).__name__}: {err}"
    finally:
        sup.stop_all()
        smtp.stop()
    report(run_dir, log_dir, revision, timings, purchase, failure)
    return 1 if failure else 0


def run(checkout, run_dir, database_url, api_port, storefront_port, sink, sup, timings, purchase):
    api_origin = f"http://127.0.0.1:{api_port}"
    storefront_origin = f"http://127.0.0.1:{storefront_port}"
    with timings.step("pnpm from npm"):
        version = storefront.pnpm_version(checkout)
        pnpm = storefront.install_pnpm(sup, run_dir / "pnpm", version)
        print(f"   pnpm {version}: {pnpm}", flush=True)
    sf_env = storefront.storefront_env(
        api_url=f"{api_origin}/graphql/", port=storefront_port, pnpm=pnpm
    )
    with timings.step("pnpm install"):
        storefront.install(sup, checkout, sf_env, pnpm)
    env = pasar.api_env(
        run_dir=run_dir,
        database_url=database_url,
        smtp_url=sink.url,
        api_origin=api_origin,
        storefront_origin=storefront_origin,
    )
    with timings.step("database, migrations, demo catalog"):
        pasar.reset_database(database_url)
        pasar.prepare(sup, env)
    with timings.step(f"Pasar UPPKS API on {api_origin}"):
        api = pasar.start(sup, env, api_port)
        pasar.setup_django(env)
        products = pasar.expected_products()
        logins = pasar.portal_logins()
    with timings.step("codegen against the live schema"):
        storefront.generate(sup, checkout, sf_env, pnpm)
    with timings.step("type-check (tsc --noEmit)"):
        storefront.typecheck(sup, checkout, sf_env, pnpm)
    with timings.step("pnpm build"):
        fonts = FontServer(run_dir)  # next/font/google without the internet (see fonts.py)
        try:
            storefront.build(sup, checkout, {**sf_env, **fonts.env()}, pnpm)
        finally:
            fonts.stop()
    with timings.step(f"next start on {storefront_origin}"):
        served = storefront.start(sup, checkout, sf_env, pnpm, storefront_port)
    shopper = Shopper(
        origin=served.origin,
        api_url=api.graphql_url,
        products=products,
        timings=timings,
        mailbox=sink,
    )
    account_failure = None
    try:
        shopper.buy(purchase)
    except StepFailed as err:
        if not purchase.order_number:
            raise
        account_failure = err  # the order exists: check its routing and portals all the same
    with timings.step("database: order routed to both groups"):
        routing = pasar.order_routing(int(purchase.order_number))
        print(f"   {json.dumps(routing, default=str)}", flush=True)
        checks.check_routing(routing, products, purchase)
    with timings.step("both group portals show their lines"):
        checks.check_portals(api.base_url, purchase.order_number, routing, logins)
    if account_failure is not None:
        raise account_failure


def report(run_dir, log_dir, revision, timings, purchase, failure) -> None:
    print("\n" + timings.table())
    if purchase.api_errors:
        print(f"\nGraphQL errors the browser received from our API ({len(purchase.api_errors)}):")
        for line in dict.fromkeys(purchase.api_errors):
            print(f"  {line}")
    server_lines = []
    for name in ("storefront", "api"):
        path = log_dir / f"{name}.log"
        if path.exists():
            for line in path.read_text(errors="replace").splitlines():
                if LOG_PATTERNS[name].search(line):
                    server_lines.append(f"{name}: {line[:400]}")
    if server_lines:
        print(f"\nErrors in the server logs ({len(server_lines)}, first 60):")
        for line in list(dict.fromkeys(server_lines))[:60]:
            print(f"  {line}")
    result = {
        "storefront_commit": revision,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "order_number": purchase.order_number,
        "steps": [{"step": n, "seconds": round(s, 1), "result": r} for n, s, r in timings.steps],
        "failure": failure,
        "api_errors": list(dict.fromkeys(purchase.api_errors)),
        "console_errors": purchase.console_errors[:100],
        "failed_responses": list(dict.fromkeys(purchase.failed_responses))[:100],
    }
    (run_dir / "result.json").write_text(json.dumps(result, indent=2))
    print(f"\nlogs: {log_dir}; result: {run_dir / 'result.json'}")
    if failure:
        print(f"\nsaleor-storefront: FAILED: {failure}")
    else:
        print(f"\nsaleor-storefront: passed, order placed: #{purchase.order_number}")


if __name__ == "__main__":
    sys.exit(main())
