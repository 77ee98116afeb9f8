"""Web sign-ins (portal, storefront, admin) are throttled per account and per address, with the
API's rule: 10 failures in 15 minutes delay the account, the right password included."""

import json
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories.accounts import StaffUserFactory, UserFactory

WAIT_ID = "Terlalu banyak percobaan masuk yang gagal. Demi keamanan akun, coba lagi dalam 15 menit."
WRONG_ID = "Nomor telepon/email atau kata sandi salah."


def indonesian_client(address: str = "127.0.0.1") -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="id", REMOTE_ADDR=address)


def html_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def member(db):
    return UserFactory(email="ketua.kunci@example.id", phone="+6281234567001")


def test_forty_wrong_passwords_on_the_portal_are_throttled_with_the_wait(member):
    client = indonesian_client()
    answers = [
        client.post(reverse("portal:login"), {"username": "0812-3456-7001", "password": "salah"})
        for _ in range(40)
    ]

    assert [a.status_code for a in answers[:9]] == [200] * 9
    assert all(WRONG_ID in html_of(a) for a in answers[:9])
    assert [a.status_code for a in answers[9:]] == [429] * 31
    assert all(WAIT_ID in html_of(a) for a in answers[9:])
    assert WRONG_ID not in html_of(answers[-1])
    assert 0 < int(answers[-1]["Retry-After"]) <= 15 * 60
    # the lock counts what was tried before it, not the tries during it
    assert sum(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == 10


def test_the_right_password_is_refused_until_the_lock_ends(member):
    client = indonesian_client()
    for _ in range(10):
        client.post(reverse("portal:login"), {"username": member.email, "password": "salah"})

    refused = client.post(
        reverse("portal:login"), {"username": member.email, "password": "rahasia-123"}
    )

    assert refused.status_code == 429
    assert WAIT_ID in html_of(refused)
    assert "_auth_user_id" not in client.session

    # fifteen minutes later the lock has ended
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    accepted = client.post(
        reverse("portal:login"), {"username": member.email, "password": "rahasia-123"}
    )
    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    assert not AccessAttempt.objects.filter(username=member.email).exists()


def test_the_wait_shrinks_as_the_lock_ages(member):
    client = indonesian_client()
    for _ in range(10):
        client.post(reverse("portal:login"), {"username": member.email, "password": "salah"})
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=11, seconds=30))

    refused = client.post(reverse("portal:login"), {"username": member.email, "password": "x"})

    assert refused.status_code == 429
    assert "coba lagi dalam 4 menit." in html_of(refused)


def test_every_spelling_of_the_account_shares_one_count(member):
    client = indonesian_client()
    for login in ["0812-3456-7001", "+62 812 3456 7001", "KETUA.KUNCI@example.id"] * 3:
        client.post(reverse("portal:login"), {"username": login, "password": "salah"})
    tenth = client.post(reverse("portal:login"), {"username": "081234567001", "password": "x"})

    assert tenth.status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {member.email}


def test_the_storefront_login_is_throttled_in_its_own_page(member):
    client = indonesian_client()
    for _ in range(10):
        client.post(reverse("storefront:login"), {"username": member.email, "password": "salah"})

    refused = client.post(
        reverse("storefront:login"), {"username": member.email, "password": "rahasia-123"}
    )

    assert refused.status_code == 429
    assert WAIT_ID in html_of(refused)
    assert 'action="/masuk/"' in html_of(refused)  # the storefront's page, its form again
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_throttled(db):
    staff = StaffUserFactory(email="staf.kunci@example.id")
    client = indonesian_client()
    for _ in range(10):
        client.post(reverse("admin:login"), {"username": staff.email, "password": "salah"})

    refused = client.post(
        reverse("admin:login"), {"username": staff.email, "password": "rahasia-123"}
    )

    assert refused.status_code == 429
    assert WAIT_ID in html_of(refused)
    assert "_auth_user_id" not in client.session


def test_one_address_guessing_across_accounts_is_throttled(db, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 20
    accounts = [UserFactory(email=f"warga{n}@example.id") for n in range(6)]
    guesser = indonesian_client("203.0.113.9")
    for _ in range(4):  # four tries at each of five accounts: no account reaches its limit
        for account in accounts[:5]:
            answer = guesser.post(
                reverse("portal:login"), {"username": account.email, "password": "salah"}
            )
            assert answer.status_code in (200, 429)

    refused = guesser.post(
        reverse("portal:login"), {"username": accounts[5].email, "password": "rahasia-123"}
    )
    assert refused.status_code == 429
    assert WAIT_ID in html_of(refused)

    # the accounts themselves are not locked: their owners elsewhere still sign in
    owner = indonesian_client("198.51.100.4")
    accepted = owner.post(
        reverse("portal:login"), {"username": accounts[0].email, "password": "rahasia-123"}
    )
    assert accepted.status_code == 302


def test_a_locked_account_is_delayed_in_the_api_too(member):
    client = indonesian_client()
    for _ in range(10):
        client.post(reverse("storefront:login"), {"username": member.email, "password": "salah"})

    query = """mutation($email: String!, $password: String!) {
      tokenCreate(email: $email, password: $password) { token errors { code } } }"""
    answer = Client().post(
        "/graphql/",
        json.dumps(
            {"query": query, "variables": {"email": member.email, "password": "rahasia-123"}}
        ),
        content_type="application/json",
    )

    assert answer.status_code == 200
    assert answer.json()["data"]["tokenCreate"] == {
        "token": None,
        "errors": [{"code": "LOGIN_ATTEMPT_DELAYED"}],
    }


def test_failures_in_the_api_count_for_the_web(member):
    query = """mutation($email: String!, $password: String!) {
      tokenCreate(email: $email, password: $password) { token errors { code } } }"""
    api = Client()
    for _ in range(10):
        api.post(
            "/graphql/",
            json.dumps({"query": query, "variables": {"email": member.email, "password": "x"}}),
            content_type="application/json",
        )

    refused = indonesian_client().post(
        reverse("portal:login"), {"username": "0812-3456-7001", "password": "rahasia-123"}
    )
    assert refused.status_code == 429
