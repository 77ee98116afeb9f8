"""tokenCreate, tokenRefresh, tokenVerify, tokensDeactivateAll: JWT sign-in as Saleor's
clients do it (claims and refresh by argument or by HttpOnly cookie plus ``csrfToken``)."""

import hmac

import graphene
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import update_last_login
from django.core.cache import cache
from django.utils.translation import gettext as _
from graphene.types.generic import GenericScalar

from marketplace.accounts.services import deactivate_all_tokens
from marketplace.accounts.throttle import api_failures_key as failures_key
from marketplace.accounts.throttle import clear_account_failures, sign_in_locked

from ...core.jwt import (
    ACCESS,
    REFRESH,
    TokenError,
    create_token,
    decode_token,
    new_csrf_token,
    request_issuer,
    user_from_payload,
)
from ...core.mutations import MarketplaceMutation, MutationError
from ...core.permissions import require_login
from ...core.types import AccountError
from ...core.views import REFRESH_TOKEN_COOKIE
from ..types import User

# One rule with the web sign-ins (settings LOGIN_FAILURE_LIMIT in LOGIN_LOCKOUT_MINUTES): failed
# sign-ins are counted per account in the cache, and the web's lock (django-axes, see
# marketplace.accounts.throttle) refuses the API too.


class CreateToken(MarketplaceMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(description="JWT refresh token, to refresh the access token.")
    csrf_token = graphene.String(
        description="CSRF token required to refresh the access token from the refreshToken cookie."
    )
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        email = graphene.String(required=True, description="Email of a user.")
        password = graphene.String(required=True, description="Password of a user.")
        audience = graphene.String(description="The audience that will be included to JWT.")

    class Meta:
        description = "Create JWT token."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, email, password, audience=None):
        email = email.strip().lower()
        key = failures_key(email)
        window = settings.LOGIN_LOCKOUT_MINUTES * 60
        if cache.get(key, 0) >= settings.LOGIN_FAILURE_LIMIT or sign_in_locked(info.context, email):
            raise MutationError(
                "LOGIN_ATTEMPT_DELAYED",
                _("Too many failed sign-ins for this account; try again in 15 minutes."),
                field="email",
            )
        user = authenticate(info.context, username=email, password=password)
        if user is None:
            cache.add(key, 0, timeout=window)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=window)
            raise MutationError(
                "INVALID_CREDENTIALS",
                _("Please, enter valid credentials"),
                field="email",
            )
        cache.delete(key)
        clear_account_failures(user.email)
        update_last_login(None, user)
        return cls(user=user, **issue_tokens(info, user))


def issue_tokens(info, user) -> dict:
    """An access token, a refresh token (also left as the HttpOnly cookie) and its CSRF token."""
    issuer = request_issuer(info.context)
    csrf_token = new_csrf_token()
    refresh = create_token(user, token_type=REFRESH, issuer=issuer, csrf_token=csrf_token)
    info.context.refresh_token_cookie = refresh
    return {
        "token": create_token(user, token_type=ACCESS, issuer=issuer),
        "refresh_token": refresh,
        "csrf_token": csrf_token,
    }


class RefreshToken(MarketplaceMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        csrf_token = graphene.String(
            description="CSRF token from tokenCreate; required with the refreshToken cookie."
        )
        refresh_token = graphene.String(description="Refresh token (else the refreshToken cookie).")

    class Meta:
        description = "Refresh JWT token."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, refresh_token=None, csrf_token=None):
        from_cookie = not refresh_token
        if from_cookie:
            refresh_token = info.context.COOKIES.get(REFRESH_TOKEN_COOKIE)
        if not refresh_token:
            raise MutationError(
                "JWT_MISSING_TOKEN", _("Missing refreshToken"), field="refreshToken"
            )
        try:
            payload = decode_token(refresh_token, token_type=REFRESH, request=info.context)
        except TokenError as err:
            raise MutationError(err.code, err.message, field="refreshToken")
        if from_cookie and not _same_csrf(payload.get("csrfToken"), csrf_token):
            raise MutationError(
                "JWT_INVALID_CSRF_TOKEN", _("Invalid csrf token"), field="csrfToken"
            )
        try:
            user = user_from_payload(payload)
        except TokenError as err:
            raise MutationError(err.code, err.message, field="refreshToken")
        token = create_token(user, token_type=ACCESS, issuer=request_issuer(info.context))
        return cls(token=token, user=user)


def _same_csrf(expected, given) -> bool:
    if not isinstance(expected, str) or not isinstance(given, str) or not given:
        return False
    return hmac.compare_digest(expected, given)


class VerifyToken(MarketplaceMutation):
    user = graphene.Field(User, description="User assigned to token.")
    is_valid = graphene.Boolean(required=True, description="Determine if token is valid or not.")
    payload = GenericScalar(description="JWT payload.")

    class Arguments:
        token = graphene.String(required=True, description="JWT token to validate.")

    class Meta:
        description = "Verify JWT token."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, token):
        try:
            payload = decode_token(token, token_type=ACCESS, request=info.context)
            user = user_from_payload(payload)
        except TokenError as err:
            return cls(
                is_valid=False,
                errors=[cls.error(err.code, err.message, "token")],
            )
        return cls(is_valid=True, user=user, payload=payload)


class DeactivateAllUserTokens(MarketplaceMutation):
    class Meta:
        description = "Deactivate all JWT tokens of the currently authenticated user."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info):
        deactivate_all_tokens(require_login(info).pk)
        return cls()
