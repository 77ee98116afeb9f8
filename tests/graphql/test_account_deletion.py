"""accountRequestDeletion emails a one-time link through the outbox; accountDelete with its
token removes the account; a wrong or reused token changes nothing."""

from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.tokens import default_token_generator

from marketplace.accounts.models import User
from marketplace.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory

REQUEST = """
mutation($url: String!) {
  accountRequestDeletion(redirectUrl: $url, channel: "default-channel") { errors { field code } }
}
"""
DELETE = (
    "mutation($t: String!) { accountDelete(token: $t) { user { email } errors { field code } } }"
)
REDIRECT = "http://127.0.0.1:8000/akun/hapus/"


def _token(message: OutboxMessage) -> str:
    link = message.secret_context["delete_url"]
    assert link.startswith(REDIRECT + "?token=")
    return parse_qs(urlsplit(link).query)["token"][0]


def test_request_queues_one_email_and_the_token_deletes_the_account(api):
    user = UserFactory(email="ketut@example.id")
    api.login(user)

    requested = api.execute(REQUEST, {"url": REDIRECT})
    (message,) = OutboxMessage.objects.filter(event="account_delete")
    assert User.objects.filter(pk=user.pk).exists()
    deleted = api.execute(DELETE, {"t": _token(message)})

    assert requested == {"accountRequestDeletion": {"errors": []}}
    assert message.recipient == "ketut@example.id"
    assert "delete_url" not in message.context
    assert deleted == {"accountDelete": {"user": {"email": "ketut@example.id"}, "errors": []}}
    assert not User.objects.filter(pk=user.pk).exists()


def test_a_wrong_token_is_refused_and_the_account_stays(api):
    user = UserFactory()
    api.login(user)

    result = api.execute(DELETE, {"t": "cg5x2k-0123456789abcdef0123456789abcdef"})

    assert result == {
        "accountDelete": {"user": None, "errors": [{"field": "token", "code": "INVALID"}]}
    }
    assert User.objects.filter(pk=user.pk, is_active=True).exists()


def test_a_password_reset_token_is_not_a_deletion_token(api):
    user = UserFactory()
    api.login(user)

    result = api.execute(DELETE, {"t": default_token_generator.make_token(user)})

    assert result["accountDelete"]["errors"] == [{"field": "token", "code": "INVALID"}]
    assert User.objects.filter(pk=user.pk).exists()


def test_a_foreign_redirect_url_is_refused_and_nothing_is_queued(api):
    api.login(UserFactory())

    result = api.execute(REQUEST, {"url": "https://phishing.example.com/hapus/"})

    assert result == {
        "accountRequestDeletion": {"errors": [{"field": "redirectUrl", "code": "INVALID"}]}
    }
    assert not OutboxMessage.objects.filter(event="account_delete").exists()


def test_a_repeat_within_five_minutes_queues_nothing_more(api):
    api.login(UserFactory())
    api.execute(REQUEST, {"url": REDIRECT})

    again = api.execute(REQUEST, {"url": REDIRECT})

    assert again["accountRequestDeletion"]["errors"] == [
        {"field": "redirectUrl", "code": "INVALID"}
    ]
    assert OutboxMessage.objects.filter(event="account_delete").count() == 1


def test_staff_accounts_are_not_deleted_from_the_shop(api):
    staff = UserFactory(is_staff=True)
    api.login(staff)
    api.execute(REQUEST, {"url": REDIRECT})
    (message,) = OutboxMessage.objects.filter(event="account_delete")

    result = api.execute(DELETE, {"t": _token(message)})

    assert result["accountDelete"]["errors"] == [{"field": "token", "code": "INVALID"}]
    assert User.objects.filter(pk=staff.pk).exists()


def test_anonymous_callers_are_refused(api):
    response = api.post(REQUEST, {"url": REDIRECT}).json()

    assert response["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}
    assert not OutboxMessage.objects.exists()
