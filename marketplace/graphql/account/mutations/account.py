"""accountRegister, accountUpdate: a customer's own account."""

import graphene

from marketplace.accounts.services import register_account, update_account

from ...core.enums import LanguageCodeEnum, language_of
from ...core.mutations import MarketplaceMutation
from ...core.permissions import require_login
from ...core.types import AccountError
from ...product.visibility import from_channel
from ..types import User
from .errors import account_errors


class AccountRegisterInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    language_code = LanguageCodeEnum(description="User language code.")
    email = graphene.String(required=True, description="The email address of the user.")
    password = graphene.String(required=True, description="Password.")
    redirect_url = graphene.String(description="Base of frontend URL (no confirmation here).")
    channel = graphene.String(description="Slug of a channel.")


class AccountInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    language_code = LanguageCodeEnum(description="User language code.")


class AccountRegister(MarketplaceMutation):
    user = graphene.Field(User)
    requires_confirmation = graphene.Boolean(
        description="Informs whether users need to confirm their email address."
    )

    class Arguments:
        input = AccountRegisterInput(required=True, description="Fields required to create a user.")

    class Meta:
        description = "Register a new user."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, input):
        from_channel(input.get("channel"))
        user = account_errors(
            lambda: register_account(
                email=input["email"],
                password=input["password"],
                first_name=input.get("first_name") or "",
                last_name=input.get("last_name") or "",
                language=language_of(input.get("language_code") or "ID"),
            )
        )
        return cls(user=user, requires_confirmation=False)


class AccountUpdate(MarketplaceMutation):
    user = graphene.Field(User)

    class Arguments:
        input = AccountInput(required=True, description="Fields required to update the account.")

    class Meta:
        description = "Updates the account of the logged-in user."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, input):
        user = require_login(info)
        changes = {
            "first_name": input.get("first_name"),
            "last_name": input.get("last_name"),
        }
        if input.get("language_code") is not None:
            changes["language_code"] = language_of(input["language_code"])
        return cls(user=account_errors(lambda: update_account(user.pk, changes=changes)))
