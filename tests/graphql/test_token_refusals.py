"""Tokens the API must refuse, changing nothing: another issuer's, an expired or revoked refresh
token, a cookie refresh without its CSRF token; and the refreshes that must work."""

from datetime import UTC, datetime, timedelta

import jwt
from django.conf import settings

from marketplace.accounts.models import User
from marketplace.graphql.core.ids import to_global_id
from marketplace.graphql.core.jwt import ACCESS, REFRESH, create_token
from tests.factories.accounts import UserFactory

REFRESH_MUTATION = """
mutation($refreshToken: String, $csrfToken: String) {
  tokenRefresh(refreshToken: $refreshToken, csrfToken: $csrfToken) {
    token user { email } errors { field code }
  }
}
"""
VERIFY = (
    "mutation($t: String!) { tokenVerify(token: $t) { isValid user { email } errors { code } } }"
)
DEACTIVATE = "mutation { tokensDeactivateAll { errors { field code } } }"


def _claims(user, **overrides):
    now = datetime.now(UTC)
    claims = {
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "iss": "https://toko-lain.example.com/graphql/",
        "owner": "saleor",
        "type": "access",
        "token": "0123456789abcdef0123",
        "email": user.email,
        "user_id": to_global_id("User", user.pk),
        "is_staff": False,
    }
    claims.update(overrides)
    return claims


def _state(user) -> tuple:
    user = User.objects.get(pk=user.pk)
    return (user.jwt_token_key, user.last_login, user.password)


def test_a_token_from_another_saleor_is_refused_everywhere(api):
    user = UserFactory()
    before = _state(user)
    foreign_key = "another-saleor-secret-key-0123456789abcdef"
    access = jwt.encode(_claims(user), foreign_key, algorithm="HS256")
    refresh = jwt.encode(_claims(user, type="refresh"), foreign_key, algorithm="HS256")

    me = api.post("{ me { email } }", HTTP_AUTHORIZATION=f"Bearer {access}").json()
    refreshed = api.execute(REFRESH_MUTATION, {"refreshToken": refresh})["tokenRefresh"]
    verified = api.execute(VERIFY, {"t": access})["tokenVerify"]

    assert me["data"] == {"me": None}
    assert me["errors"][0]["extensions"] == {"exception": {"code": "DecodeError"}}
    assert refreshed == {
        "token": None,
        "user": None,
        "errors": [{"field": "refreshToken", "code": "JWT_DECODE_ERROR"}],
    }
    assert verified == {"isValid": False, "user": None, "errors": [{"code": "JWT_DECODE_ERROR"}]}
    assert _state(user) == before


def test_our_signature_naming_another_issuer_is_refused(api):
    """A key shared by mistake (staging and production) must not let one site's tokens in."""
    user = UserFactory()
    stamp = jwt.decode(create_token(user, token_type=ACCESS), options={"verify_signature": False})[
        "token"
    ]
    access = jwt.encode(_claims(user, token=stamp), settings.SECRET_KEY, algorithm="HS256")
    refresh = jwt.encode(
        _claims(user, token=stamp, type="refresh"), settings.SECRET_KEY, algorithm="HS256"
    )

    me = api.post("{ me { email } }", HTTP_AUTHORIZATION=f"Bearer {access}").json()
    refreshed = api.execute(REFRESH_MUTATION, {"refreshToken": refresh})["tokenRefresh"]

    assert me["data"] == {"me": None}
    assert me["errors"][0] == {
        "message": "Invalid token issuer",
        "locations": [{"line": 1, "column": 3}],
        "path": ["me"],
        "extensions": {"exception": {"code": "InvalidTokenError"}},
    }
    assert refreshed["token"] is None
    assert refreshed["errors"] == [{"field": "refreshToken", "code": "JWT_INVALID_TOKEN"}]


def test_an_expired_refresh_token_is_refused(api):
    user = UserFactory()
    before = _state(user)
    old = create_token(
        user,
        token_type=REFRESH,
        now=datetime.now(UTC) - timedelta(days=settings.JWT_TTL_REFRESH_DAYS + 1),
    )

    refreshed = api.execute(REFRESH_MUTATION, {"refreshToken": old})["tokenRefresh"]

    assert refreshed == {
        "token": None,
        "user": None,
        "errors": [{"field": "refreshToken", "code": "JWT_SIGNATURE_EXPIRED"}],
    }
    assert _state(user) == before


def test_tokens_deactivate_all_revokes_every_refresh_and_access_token(api):
    user = UserFactory()
    refresh = create_token(user, token_type=REFRESH)
    api.login(user)

    result = api.execute(DEACTIVATE)
    after = _state(user)
    refreshed = api.execute(REFRESH_MUTATION, {"refreshToken": refresh})["tokenRefresh"]
    me = api.post("{ me { email } }").json()

    assert result == {"tokensDeactivateAll": {"errors": []}}
    assert refreshed == {
        "token": None,
        "user": None,
        "errors": [{"field": "refreshToken", "code": "JWT_INVALID_TOKEN"}],
    }
    assert me["errors"][0]["extensions"] == {"exception": {"code": "InvalidTokenError"}}
    assert _state(user) == after  # the refused refresh changed nothing more


def test_tokens_deactivate_all_needs_a_signed_in_user(api):
    response = api.post(DEACTIVATE).json()

    assert response["data"] == {"tokensDeactivateAll": None}
    assert response["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}


def test_refresh_from_the_cookie_needs_the_csrf_token_of_that_sign_in(api):
    user = UserFactory(email="kadek@example.id")
    signed_in = api.post(
        'mutation { tokenCreate(email: "kadek@example.id", password: "rahasia-123") '
        "{ token refreshToken csrfToken errors { code } } }"
    )
    created = signed_in.json()["data"]["tokenCreate"]
    cookie = signed_in.cookies["refreshToken"]

    without = api.execute(REFRESH_MUTATION, {})["tokenRefresh"]
    wrong = api.execute(REFRESH_MUTATION, {"csrfToken": "x" * 43})["tokenRefresh"]
    right = api.execute(REFRESH_MUTATION, {"csrfToken": created["csrfToken"]})["tokenRefresh"]

    assert cookie.value == created["refreshToken"]
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")
    assert without["errors"] == [{"field": "csrfToken", "code": "JWT_INVALID_CSRF_TOKEN"}]
    assert wrong["errors"] == [{"field": "csrfToken", "code": "JWT_INVALID_CSRF_TOKEN"}]
    assert (without["token"], wrong["token"]) == (None, None)
    assert right["errors"] == []
    assert right["user"] == {"email": user.email}
    assert jwt.decode(right["token"], options={"verify_signature": False})["type"] == "access"


def test_saleor_sdk_authorization_bearer_header_is_accepted(api):
    user = UserFactory()
    token = create_token(user, token_type=ACCESS)

    response = api.post("{ me { email } }", HTTP_AUTHORIZATION_BEARER=token)

    assert response.json() == {"data": {"me": {"email": user.email}}}
