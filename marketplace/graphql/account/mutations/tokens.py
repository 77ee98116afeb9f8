"""tokenCreate, tokenRefresh, tokenVerify: JWT sign-in as Saleor's clients do it."""

import graphene
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import update_last_login
from django.core.cache import cache
from django.utils.translation import gettext as _
from graphene.types.generic import GenericScalar

from marketplace.accounts.throttle import api_failures_key as failures_key
from marketplace.accounts.throttle import clear_account_failures, sign_in_locked

from ...core.jwt import ACCESS, REFRESH, TokenError, create_token, decode_token, user_from_payload
from ...core.mutations import MarketplaceMutation, MutationError
from ...core.types import AccountError
from ..types import User

# One rule with the web sign-ins (settings LOGIN_FAILURE_LIMIT in LOGIN_LOCKOUT_MINUTES): failed
# sign-ins are counted per account in the cache, and the web's lock (django-axes, see
# marketplace.accounts.throttle) refuses the API too.


class CreateToken(MarketplaceMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(description="JWT refresh token, to refresh the access token.")
    csrf_token = graphene.String(description="CSRF token (not used: tokens travel in headers).")
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
        return cls(
            token=create_token(user, token_type=ACCESS),
            refresh_token=create_token(user, token_type=REFRESH),
            user=user,
        )


class RefreshToken(MarketplaceMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        csrf_token = graphene.String(description="CSRF token (not used).")
        refresh_token = graphene.String(description="Refresh token.")

    class Meta:
        description = "Refresh JWT token."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, refresh_token=None, csrf_token=None):
        if not refresh_token:
            raise MutationError(
                "JWT_MISSING_TOKEN", _("Missing refreshToken"), field="refreshToken"
            )
        try:
            user = user_from_payload(decode_token(refresh_token, token_type=REFRESH))
        except TokenError as err:
            raise MutationError(err.code, err.message, field="refreshToken")
        return cls(token=create_token(user, token_type=ACCESS), user=user)


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
            payload = decode_token(token, token_type=ACCESS)
            user = user_from_payload(payload)
        except TokenError as err:
            return cls(
                is_valid=False,
                errors=[cls.error(err.code, err.message, "token")],
            )
        return cls(is_valid=True, user=user, payload=payload)
