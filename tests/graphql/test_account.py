"""accountRegister, accountUpdate, passwordChange, requestPasswordReset, setPassword."""

# ruff: noqa: E501  (GraphQL documents and expected payloads read best unwrapped)

from urllib.parse import parse_qs, urlsplit

from marketplace.accounts.models import PasswordResetRequest, User
from marketplace.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory

REGISTER = """
mutation($input: AccountRegisterInput!) {
  accountRegister(input: $input) { user { email firstName languageCode } requiresConfirmation errors { field code } }
}
"""


def test_register_creates_an_account_that_can_sign_in(api):
    result = api.execute(
        REGISTER,
        {
            "input": {
                "email": "Wayan@Example.id",
                "password": "Pandan-Wangi-2026",
                "firstName": "Wayan",
                "languageCode": "EN",
                "channel": "default-channel",
            }
        },
    )

    assert result["accountRegister"] == {
        "user": {"email": "wayan@example.id", "firstName": "Wayan", "languageCode": "EN"},
        "requiresConfirmation": False,
        "errors": [],
    }
    assert User.objects.get(email="wayan@example.id").check_password("Pandan-Wangi-2026")


def test_register_refuses_a_taken_email_and_a_weak_password(api):
    UserFactory(email="wayan@example.id")

    taken = api.execute(
        REGISTER, {"input": {"email": "wayan@example.id", "password": "Pandan-Wangi-2026"}}
    )
    weak = api.execute(REGISTER, {"input": {"email": "made@example.id", "password": "12345678"}})

    assert taken["accountRegister"]["errors"] == [{"field": "email", "code": "UNIQUE"}]
    assert weak["accountRegister"]["errors"] == [
        {"field": "password", "code": "PASSWORD_TOO_COMMON"}
    ]
    assert User.objects.count() == 1


def test_account_update_changes_own_names_only(api):
    user = UserFactory(first_name="Lama")

    result = api.login(user).execute(
        'mutation { accountUpdate(input: {firstName: "Baru", languageCode: EN}) '
        "{ user { firstName languageCode } errors { code } } }"
    )

    assert result["accountUpdate"] == {
        "user": {"firstName": "Baru", "languageCode": "EN"},
        "errors": [],
    }
    user.refresh_from_db()
    assert (user.first_name, user.language_code) == ("Baru", "en")


def test_account_update_needs_a_signed_in_user(api):
    response = api.post('mutation { accountUpdate(input: {firstName: "X"}) { errors { code } } }')

    content = response.json()
    assert content["data"] == {"accountUpdate": None}
    assert content["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}


def test_password_change_checks_the_old_password(api):
    user = UserFactory()
    api.login(user)

    wrong = api.execute(
        'mutation { passwordChange(oldPassword: "salah", newPassword: "Kopi-Gayo-2026") '
        "{ errors { field code } } }"
    )
    right = api.execute(
        'mutation { passwordChange(oldPassword: "rahasia-123", newPassword: "Kopi-Gayo-2026") '
        "{ user { email } errors { field code } } }"
    )

    assert wrong["passwordChange"]["errors"] == [
        {"field": "oldPassword", "code": "INVALID_PASSWORD"}
    ]
    assert right["passwordChange"]["errors"] == []
    user.refresh_from_db()
    assert user.check_password("Kopi-Gayo-2026")


def test_password_reset_queues_one_notice_and_the_token_sets_the_password(api):
    user = UserFactory(email="made@example.id")
    request = """mutation { requestPasswordReset(email: "made@example.id",
        redirectUrl: "http://127.0.0.1:8000/reset", channel: "default-channel") { errors { field code } } }"""

    first = api.execute(request)
    again = api.execute(request)
    message = OutboxMessage.objects.get(event="password_reset")
    query = parse_qs(urlsplit(message.secret_context["reset_url"]).query)
    result = api.execute(
        'mutation($t: String!) { setPassword(email: "made@example.id", password: "Emping-Melinjo-9", '
        "token: $t) { token user { email } errors { code } } }",
        {"t": query["token"][0]},
    )
    replay = api.execute(
        'mutation($t: String!) { setPassword(email: "made@example.id", password: "Lain-Lagi-2026", '
        "token: $t) { errors { field code } } }",
        {"t": query["token"][0]},
    )

    assert first["requestPasswordReset"]["errors"] == []
    assert again["requestPasswordReset"]["errors"] == [
        {"field": "email", "code": "PASSWORD_RESET_ALREADY_REQUESTED"}
    ]
    assert PasswordResetRequest.objects.count() == 1
    assert message.recipient == "made@example.id"
    assert query["email"] == ["made@example.id"]
    assert result["setPassword"]["errors"] == []
    assert result["setPassword"]["user"] == {"email": "made@example.id"}
    assert replay["setPassword"]["errors"] == [{"field": "token", "code": "INVALID"}]
    user.refresh_from_db()
    assert user.check_password("Emping-Melinjo-9")


def test_password_reset_for_unknown_email_says_nothing_and_sends_nothing(api):
    result = api.execute(
        'mutation { requestPasswordReset(email: "siapa@example.id", '
        'redirectUrl: "http://127.0.0.1:8000/reset") { errors { code } } }'
    )

    assert result["requestPasswordReset"]["errors"] == []
    assert OutboxMessage.objects.count() == 0


def test_password_reset_refuses_foreign_redirects(api):
    UserFactory(email="made@example.id")

    result = api.execute(
        'mutation { requestPasswordReset(email: "made@example.id", '
        'redirectUrl: "https://evil.example.com/steal") { errors { field code } } }'
    )

    assert result["requestPasswordReset"]["errors"] == [{"field": "redirectUrl", "code": "INVALID"}]
    assert OutboxMessage.objects.count() == 0
