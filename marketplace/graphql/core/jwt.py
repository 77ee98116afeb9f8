"""JSON Web Tokens for the API, signed HS256 with SECRET_KEY.

Every token carries a stamp derived from the user's password hash, so changing or resetting the
password invalidates all tokens issued before.
"""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import jwt as pyjwt
from django.conf import settings

from marketplace.accounts.models import User

from .ids import InvalidIdError, from_global_id_or_error, to_global_id

ALGORITHM = "HS256"
ACCESS, REFRESH = "access", "refresh"


class TokenError(Exception):
    """A token that can't be used; ``code`` is an AccountErrorCode name."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


def _stamp(user: User) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{user.pk}:{user.password}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:20]


def create_token(user: User, *, token_type: str, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    ttl = (
        timedelta(minutes=settings.JWT_TTL_ACCESS_MINUTES)
        if token_type == ACCESS
        else timedelta(days=settings.JWT_TTL_REFRESH_DAYS)
    )
    payload = {
        "iat": now,
        "exp": now + ttl,
        "iss": settings.SITE_URL,
        "type": token_type,
        "token": _stamp(user),
        "email": user.email,
        "user_id": to_global_id("User", user.pk),
        "is_staff": user.is_staff,
    }
    return pyjwt.encode(payload, settings.SECRET_KEY, algorithm=ALGORITHM)


def decode_token(token: str, *, token_type: str) -> dict:
    try:
        payload = pyjwt.decode(
            token,
            settings.SECRET_KEY,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "iat", "type", "token", "user_id"]},
        )
    except pyjwt.ExpiredSignatureError:
        raise TokenError("JWT_SIGNATURE_EXPIRED", "Signature has expired")
    except pyjwt.DecodeError:
        raise TokenError("JWT_DECODE_ERROR", "Error decoding signature")
    except pyjwt.InvalidTokenError:
        raise TokenError("JWT_INVALID_TOKEN", "Invalid token")
    if payload.get("type") != token_type:
        raise TokenError("JWT_INVALID_TOKEN", "Invalid token type")
    return payload


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


def user_from_token(token: str, *, token_type: str = ACCESS) -> User:
    return user_from_payload(decode_token(token, token_type=token_type))
