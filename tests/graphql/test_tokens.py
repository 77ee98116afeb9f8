"""JWT sign-in: tokenCreate, tokenRefresh, tokenVerify; forged and expired tokens are refused."""

# ruff: noqa: E501  (GraphQL documents and expected payloads read best unwrapped)

import uuid
from datetime import UTC, datetime, timedelta

import jwt
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache

from marketplace.accounts.services import change_password, set_password
from marketplace.graphql.account.mutations.tokens import failures_key
from marketplace.graphql.core.jwt import ACCESS, REFRESH, create_token
from tests.factories.accounts import UserFactory

TOKEN_CREATE = """
mutation($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken user { email } errors { field code message }
  }
}
"""


def test_token_create_signs_in_and_me_answers(api):
    user = UserFactory(email="putu@example.id", first_name="Putu")

    result = api.execute(TOKEN_CREATE, {"email": "Putu@Example.id", "password": "rahasia-123"})
    api.token = result["tokenCreate"]["token"]
    me = api.execute("{ me { email firstName isStaff } }")

    assert result["tokenCreate"]["errors"] == []
    assert result["tokenCreate"]["user"] == {"email": user.email}
    assert me == {"me": {"email": "putu@example.id", "firstName": "Putu", "isStaff": False}}


def test_wrong_password_is_invalid_credentials(api):
    UserFactory(email="putu@example.id")

    result = api.execute(TOKEN_CREATE, {"email": "putu@example.id", "password": "salah"})

    assert result["tokenCreate"] == {
        "token": None,
        "refreshToken": None,
        "user": None,
        "errors": [
            {
                "field": "email",
                "code": "INVALID_CREDENTIALS",
                "message": "Please, enter valid credentials",
            }
        ],
    }


def test_refresh_token_gives_a_new_access_token(api):
    user = UserFactory()
    refresh = create_token(user, token_type=REFRESH)

    result = api.execute(
        "mutation($t: String!) { tokenRefresh(refreshToken: $t) { token errors { code } } }",
        {"t": refresh},
    )
    api.token = result["tokenRefresh"]["token"]

    assert result["tokenRefresh"]["errors"] == []
    assert api.execute("{ me { email } }") == {"me": {"email": user.email}}


def test_an_access_token_cannot_refresh(api):
    user = UserFactory()

    result = api.execute(
        "mutation($t: String!) { tokenRefresh(refreshToken: $t) { token errors { code } } }",
        {"t": create_token(user, token_type=ACCESS)},
    )

    assert result["tokenRefresh"] == {"token": None, "errors": [{"code": "JWT_INVALID_TOKEN"}]}


def test_token_verify(api):
    user = UserFactory()

    valid = api.execute(
        "mutation($t: String!) { tokenVerify(token: $t) { isValid user { email } errors { code } } }",
        {"t": create_token(user, token_type=ACCESS)},
    )
    forged = api.execute(
        "mutation($t: String!) { tokenVerify(token: $t) { isValid user { email } errors { code } } }",
        {
            "t": jwt.encode(
                {"user_id": "VXNlcjox", "type": "access"},
                "a-forged-key-of-enough-length-0123456789",
                algorithm="HS256",
            )
        },
    )

    assert valid["tokenVerify"] == {"isValid": True, "user": {"email": user.email}, "errors": []}
    assert forged["tokenVerify"] == {
        "isValid": False,
        "user": None,
        "errors": [{"code": "JWT_DECODE_ERROR"}],
    }


def test_forged_token_header_is_a_clear_error_and_public_fields_still_answer(api):
    user = UserFactory()
    forged = jwt.encode(
        {"user_id": "VXNlcjox", "type": "access", "exp": 9999999999, "iat": 0, "token": "x"},
        "not-our-secret-but-long-enough-0123456789",
        algorithm="HS256",
    )

    response = api.post("{ shop { name } me { email } }", HTTP_AUTHORIZATION=f"Bearer {forged}")

    content = response.json()
    assert content["data"] == {"shop": {"name": "Pasar UPPKS"}, "me": None}
    assert content["errors"][0]["message"] == "Error decoding signature"
    assert content["errors"][0]["extensions"] == {"exception": {"code": "DecodeError"}}
    assert user.email not in response.content.decode()


def test_expired_token_is_refused(api):
    user = UserFactory()
    token = create_token(user, token_type=ACCESS, now=datetime.now(UTC) - timedelta(hours=2))

    response = api.post("{ me { email } }", HTTP_AUTHORIZATION=f"Bearer {token}")

    content = response.json()
    assert content["data"] == {"me": None}
    assert content["errors"][0]["extensions"] == {"exception": {"code": "ExpiredSignatureError"}}


def test_a_password_reset_by_email_invalidates_earlier_tokens(api):
    user = UserFactory()
    old = create_token(user, token_type=ACCESS)
    set_password(
        email=user.email,
        token=default_token_generator.make_token(user),
        password="kata-sandi-baru-2026",
    )

    response = api.post("{ me { email } }", HTTP_AUTHORIZATION=f"Bearer {old}")

    assert response.json()["errors"][0]["extensions"] == {
        "exception": {"code": "InvalidTokenError"}
    }


def test_password_change_keeps_the_session_that_made_it_as_in_saleor(api):
    user = UserFactory()
    token = create_token(user, token_type=ACCESS)
    change_password(user.pk, old_password="rahasia-123", new_password="kata-sandi-baru-2026")

    response = api.post("{ me { email } }", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.json() == {"data": {"me": {"email": user.email}}}


def test_ten_failed_sign_ins_delay_the_account_even_with_the_right_password(api):
    email = f"kunci-{uuid.uuid4().hex[:8]}@example.id"
    UserFactory(email=email)
    try:
        for _ in range(10):
            failed = api.execute(TOKEN_CREATE, {"email": email, "password": "tebakan"})
            assert failed["tokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"

        blocked = api.execute(TOKEN_CREATE, {"email": email, "password": "rahasia-123"})

        assert blocked["tokenCreate"]["token"] is None
        assert blocked["tokenCreate"]["errors"] == [
            {
                "field": "email",
                "code": "LOGIN_ATTEMPT_DELAYED",
                "message": "Too many failed sign-ins for this account; try again in 15 minutes.",
            }
        ]
    finally:
        cache.delete(failures_key(email))


def test_a_successful_sign_in_clears_earlier_failures(api):
    email = f"lupa-{uuid.uuid4().hex[:8]}@example.id"
    UserFactory(email=email)
    try:
        for _ in range(9):
            api.execute(TOKEN_CREATE, {"email": email, "password": "tebakan"})
        api.execute(TOKEN_CREATE, {"email": email, "password": "rahasia-123"})
        api.execute(TOKEN_CREATE, {"email": email, "password": "tebakan"})

        result = api.execute(TOKEN_CREATE, {"email": email, "password": "rahasia-123"})

        assert result["tokenCreate"]["errors"] == []
        assert cache.get(failures_key(email)) is None
    finally:
        cache.delete(failures_key(email))
