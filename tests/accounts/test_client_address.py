"""The address sign-ins are counted under: REMOTE_ADDR, or behind our TLS proxy the entry our
proxy appended to X-Forwarded-For; a client cannot pick its own by sending the header."""

from django.test import Client, RequestFactory
from django.urls import reverse

from marketplace.accounts.throttle import client_ip
from tests.factories.accounts import UserFactory


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.BEHIND_TLS_PROXY = False
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "198.51.100.7"


def test_behind_the_proxy_the_address_it_appended_counts(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50"
    )
    assert client_ip(request) == "203.0.113.50"


def test_two_proxies_of_ours_count_two_from_the_right(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.50, 10.0.0.9"
    )
    assert client_ip(request) == "203.0.113.50"


def test_a_garbled_header_falls_back_to_the_peer(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="<script>")
    assert client_ip(request) == "10.0.0.2"


def test_rotating_a_forged_header_does_not_escape_the_address_lock(db, settings):
    settings.BEHIND_TLS_PROXY = True
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    client = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(10):
        client.post(
            reverse("portal:login"),
            {"username": f"orang{n}@example.id", "password": "salah"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.77",
        )
    user = UserFactory()

    refused = client.post(
        reverse("portal:login"),
        {"username": user.email, "password": "rahasia-123"},
        HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.77",
    )
    assert refused.status_code == 429
