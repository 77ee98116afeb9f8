"""JSON Web Tokens for the API, signed HS256 with SECRET_KEY, with Saleor's claims.

Every token carries a stamp derived from the user's sign-in key (``User.jwt_token_key``), so a
password reset by email or ``tokensDeactivateAll`` invalidates all tokens issued before. As in
Saleor, ``passwordChange`` from a signed-in session keeps that session (its client gets no new
token, and Saleor's storefront goes on with the one it has).
``iss`` is the API's own URL as the client called it (Saleor's auth-sdk sends the token only to
the URL named there); a token naming another issuer is refused, whatever its signature.
"""

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import jwt as pyjwt
from django.conf import settings
from django.urls import reverse

from marketplace.accounts.models import User

from .ids import InvalidIdError, from_global_id_or_error, to_global_id

ALGORITHM = "HS256"
ACCESS, REFRESH = "access", "refresh"
OWNER = "saleor"  # Saleor's clients tell their own tokens from plugins' by this claim


class TokenError(Exception):
    """A token that can't be used; ``code`` is an AccountErrorCode name."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


def _stamp(user: User) -> str:
    message = f"{user.pk}:{user.jwt_token_key}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256)
    return digest.hexdigest()[:20]


def default_issuer() -> str:
    """The API's URL under ``SITE_URL``: the issuer of tokens made outside a request."""
    return settings.SITE_URL.rstrip("/") + reverse("graphql:api")


def request_issuer(request) -> str:
    """The API's URL as this request reached it (the host was checked by ALLOWED_HOSTS)."""
    return request.build_absolute_uri(reverse("graphql:api"))


def accepted_issuers(request=None) -> set[str]:
    issuers = {default_issuer()}
    if request is not None:
        issuers.add(request_issuer(request))
    return issuers


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def create_token(
    user: User,
    *,
    token_type: str,
    now: datetime | None = None,
    issuer: str | None = None,
    csrf_token: str | None = None,
) -> str:
    now = now or datetime.now(UTC)
    ttl = (
        timedelta(minutes=settings.JWT_TTL_ACCESS_MINUTES)
        if token_type == ACCESS
        else timedelta(days=settings.JWT_TTL_REFRESH_DAYS)
    )
    payload = {
        "iat": now,
        "exp": now + ttl,
        "iss": issuer or default_issuer(),
        "owner": OWNER,
        "type": token_type,
        "token": _stamp(user),
        "email": user.email,
        "user_id": to_global_id("User", user.pk),
        "is_staff": user.is_staff,
    }
    if token_type == REFRESH:
        payload["csrfToken"] = csrf_token or new_csrf_token()
    return pyjwt.encode(payload, settings.SECRET_KEY, algorithm=ALGORITHM)


def decode_token(token: str, *, token_type: str, request=None) -> dict:
    """A valid payload of our own ``token_type`` token, or TokenError."""
    try:
        payload = pyjwt.decode(
            token,
            settings.SECRET_KEY,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "iat", "iss", "type", "token", "user_id"]},
        )
    except pyjwt.ExpiredSignatureError:
        raise TokenError("JWT_SIGNATURE_EXPIRED", "Signature has expired")
    except pyjwt.DecodeError:
        raise TokenError("JWT_DECODE_ERROR", "Error decoding signature")
    except pyjwt.InvalidTokenError:
        raise TokenError("JWT_INVALID_TOKEN", "Invalid token")
    if not _our_issuer(payload.get("iss"), request):
        raise TokenError("JWT_INVALID_TOKEN", "Invalid token issuer")
    if payload.get("type") != token_type:
        raise TokenError("JWT_INVALID_TOKEN", "Invalid token type")
    return payload


def _our_issuer(iss, request) -> bool:
    if not isinstance(iss, str):
        return False
    parts = urlsplit(iss)
    return parts.scheme in ("http", "https") and iss in accepted_issuers(request)


def user_from_payload(payload: dict) -> User:
    """The active user a valid payload names, if the token is still current."""
    try:
        _type, pk = from_global_id_or_error(payload["user_id"], "User")
        user = User.objects.get(pk=int(pk), is_active=True)
    except (InvalidIdError, ValueError, User.DoesNotExist):
        raise TokenError("JWT_INVALID_TOKEN", "Invalid token")
    if not hmac.compare_digest(payload["token"], _stamp(user)):
        raise TokenError("JWT_INVALID_TOKEN", "Invalid token")
    return user


def user_from_token(token: str, *, token_type: str = ACCESS, request=None) -> User:
    return user_from_payload(decode_token(token, token_type=token_type, request=request))
