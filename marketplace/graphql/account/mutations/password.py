"""passwordChange, requestPasswordReset, setPassword."""

import graphene

from marketplace.accounts.services import (
    change_password,
    request_password_reset_by_email,
    set_password,
)

from ...core.mutations import MarketplaceMutation
from ...core.permissions import require_login
from ...core.types import AccountError
from ...product.visibility import from_channel
from ..types import User
from .errors import account_errors
from .tokens import issue_tokens


class PasswordChange(MarketplaceMutation):
    user = graphene.Field(User)

    class Arguments:
        old_password = graphene.String(description="Current user password.")
        new_password = graphene.String(required=True, description="New user password.")

    class Meta:
        description = "Change the password of the logged in user."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, new_password, old_password=None):
        user = require_login(info)
        return cls(
            user=account_errors(
                lambda: change_password(
                    user.pk, old_password=old_password or "", new_password=new_password
                )
            )
        )


class RequestPasswordReset(MarketplaceMutation):
    class Arguments:
        email = graphene.String(required=True, description="Email of the user.")
        redirect_url = graphene.String(
            required=True, description="URL of a view where users are sent with the token."
        )
        channel = graphene.String(description="Slug of a channel.")

    class Meta:
        description = "Sends an email with the account password modification link."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, email, redirect_url, channel=None):
        from_channel(channel)
        account_errors(
            lambda: request_password_reset_by_email(email=email, redirect_url=redirect_url)
        )
        return cls()


class SetPassword(MarketplaceMutation):
    token = graphene.String()
    refresh_token = graphene.String()
    csrf_token = graphene.String()
    user = graphene.Field(User)

    class Arguments:
        email = graphene.String(required=True, description="Email of a user.")
        password = graphene.String(required=True, description="Password of a user.")
        token = graphene.String(required=True, description="A one-time token from the email.")

    class Meta:
        description = "Sets the user's password from the token sent by email."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, email, password, token):
        user = account_errors(lambda: set_password(email=email, token=token, password=password))
        return cls(user=user, **issue_tokens(info, user))
