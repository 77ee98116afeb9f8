"""Saleor's published JavaScript clients, pinned in tests/saleor_clients/, run by Node against
our API on a loopback live server: @saleor/auth-sdk 1.0.3 (sign in, the JWT claims it checks,
refresh, sign out) and @saleor/sdk 0.7.0 (register, login, account, addresses, passwords).

The clients are installed with ``npm ci`` when their node_modules is missing; without Node or
npm the test fails (it never skips), since `make test` promises these clients work."""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from marketplace.accounts.models import AccountAddress, User
from marketplace.regions.models import District
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CLIENTS = Path(__file__).resolve().parents[1] / "saleor_clients"
REDIRECT = "http://127.0.0.1:8000/akun/sandi-baru/"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is required to run Saleor's JavaScript clients (Node 20+ with npm)")
    return path


@pytest.fixture(scope="session")
def node_clients() -> str:
    node = _tool("node")
    if not (CLIENTS / "node_modules" / "@saleor" / "sdk").is_dir():
        npm = _tool("npm")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=CLIENTS,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.fail(f"npm ci in {CLIENTS} failed:\n{done.stdout}\n{done.stderr}")
    return node


def run_clients(node: str, step: str, **arguments) -> dict:
    done = subprocess.run(
        [node, "run.mjs", step, json.dumps(arguments)],
        cwd=CLIENTS,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def api_url(live_server) -> str:
    return f"{live_server.url}/graphql/"


def test_auth_sdk_signs_in_checks_the_claims_refreshes_and_signs_out(live_server, node_clients):
    user = UserFactory(email="wayan@example.id", first_name="Wayan")
    url = api_url(live_server)

    result = run_clients(
        node_clients, "auth-sdk", apiUrl=url, email=user.email, password="rahasia-123"
    )

    assert result["wrongPassword"]["token"] is None
    assert result["wrongPassword"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert result["signInErrors"] == []
    access = result["accessClaims"]
    assert (access["iss"], access["owner"], access["type"], access["email"]) == (
        url,
        "saleor",
        "access",
        "wayan@example.id",
    )
    assert access["exp"] - access["iat"] == 5 * 60
    assert re.fullmatch(r"[0-9a-f]{20}", access["token"])
    refresh = result["refreshClaims"]
    assert (refresh["iss"], refresh["type"]) == (url, "refresh")
    assert len(refresh["csrfToken"]) >= 32  # what a cookie refresh must present
    # The client sends the token only because `iss` is the URL it calls: me answers.
    assert result["me"] == {"email": "wayan@example.id", "firstName": "Wayan"}
    assert result["tabMe"] == {"email": "wayan@example.id", "firstName": "Wayan"}
    assert result["refreshedByTab"] is True  # the tab had no access token: tokenRefresh gave it one
    assert (result["refreshedClaims"]["type"], result["refreshedClaims"]["iss"]) == ("access", url)
    assert result["authStateAfterSignOut"] == "signedOut"
    assert result["refreshTokenAfterSignOut"] is None
    assert result["meAfterSignOut"] is None


def _bali(**overrides) -> dict:
    kecamatan = District.objects.filter(regency_id="51.05").order_by("code").first()
    address = {
        "firstName": "Siti",
        "lastName": "Aminah",
        "streetAddress1": "Jl. Gajah Mada No. 12, RT 03/RW 02",
        "streetAddress2": "Kelurahan Semarapura Kelod",
        "city": "Klungkung",
        "cityArea": kecamatan.name,
        "postalCode": "80761",
        "country": "ID",
        "countryArea": "Bali",
        "phone": "081234567801",
    }
    address.update(overrides)
    return address


def test_saleor_sdk_account_flow_from_register_to_password_reset(
    live_server, node_clients, celery_worker_factory, smtp_server
):
    celery_worker_factory(env={"EMAIL_URL": smtp_server.url})
    url = api_url(live_server)
    email = "siti.aminah@example.id"

    result = run_clients(
        node_clients,
        "sdk",
        apiUrl=url,
        email=email,
        password="kopi-gayo-2026",
        newPassword="emping-melinjo-2027",
        redirectUrl=REDIRECT,
        address=_bali(),
        otherAddress=_bali(firstName="Kantor", companyName="UPPKS Melati"),
    )

    user = User.objects.get(email=email)
    assert result["register"] == {"errors": [], "requiresConfirmation": False}
    login = result["login"]
    assert login["errors"] == []
    assert login["user"]["email"] == email
    assert (login["user"]["isStaff"], login["user"]["userPermissions"]) == (False, [])
    assert login["user"]["addresses"] == []
    assert result["loginClaims"]["owner"] == "saleor"
    assert result["updateAccount"]["errors"] == []
    assert (result["updateAccount"]["user"]["firstName"], user.last_name) == ("Siti", "Aminah")

    created = result["createAddress"]
    assert created["errors"] == []
    assert created["address"]["city"] == "Kabupaten Klungkung"
    assert created["address"]["country"] == {"code": "ID", "country": "Indonesia"}
    assert created["user"]["defaultShippingAddress"]["id"] == created["address"]["id"]
    assert result["updateAddress"]["address"]["postalCode"] == "80762"
    assert result["setDefault"]["errors"] == []
    billing = result["setDefault"]["user"]["defaultBillingAddress"]
    assert (billing["firstName"], billing["companyName"]) == ("Kantor", "UPPKS Melati")
    assert result["badAddress"]["address"] is None
    assert [(e["field"], e["code"]) for e in result["badAddress"]["errors"]] == [
        ("postalCode", "INVALID")
    ]
    deleted = result["deleteAddress"]
    assert deleted["errors"] == []
    assert [a["postalCode"] for a in deleted["user"]["addresses"]] == ["80762"]
    assert deleted["user"]["defaultBillingAddress"] is None
    assert list(AccountAddress.objects.filter(user=user).values_list("postal_code", flat=True)) == [
        "80762"
    ]

    assert result["verify"]["isValid"] is True
    assert result["verify"]["payload"]["email"] == email
    assert result["verify"]["user"]["email"] == email
    assert result["refresh"]["errors"] == []
    assert result["refresh"]["user"]["email"] == email
    assert result["refreshClaims"]["type"] == "access"

    assert [e["code"] for e in result["changePasswordWrongOld"]["errors"]] == ["INVALID_PASSWORD"]
    assert result["changePassword"]["errors"] == []
    assert result["verifyAfterChange"] is True
    assert result["loginWithNewPassword"]["errors"] == []
    assert result["loginWithNewPassword"]["user"]["email"] == email
    assert result["requestPasswordReset"]["errors"] == []

    (mail,) = smtp_server.wait_for(1)
    link = re.search(r"http://127\.0\.0\.1:8000/akun/sandi-baru/\S+", mail.text).group(0)
    query = parse_qs(urlsplit(link).query)
    assert query["email"] == [email]

    reset = run_clients(
        node_clients,
        "sdk-set-password",
        apiUrl=url,
        email=email,
        password="bordir-aceh-2028",
        token=query["token"][0],
    )

    assert reset["setPassword"]["errors"] == []
    assert reset["setPassword"]["user"]["email"] == email
    assert reset["setPasswordClaims"]["iss"] == url
    assert [e["code"] for e in reset["reusedToken"]["errors"]] == ["INVALID"]
    assert reset["login"]["errors"] == []
    user.refresh_from_db()
    assert user.check_password("bordir-aceh-2028")
