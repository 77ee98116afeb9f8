"""accountRequestDeletion, accountDelete: Saleor's two-step account removal by emailed token."""

import graphene

from marketplace.accounts.services import delete_account, request_account_deletion

from ...core.mutations import MarketplaceMutation
from ...core.permissions import require_login
from ...core.types import AccountError
from ...product.visibility import from_channel
from ..types import User
from .errors import account_errors


class AccountRequestDeletion(MarketplaceMutation):
    class Arguments:
        channel = graphene.String(description="Slug of a channel (optional: there is one).")
        redirect_url = graphene.String(
            required=True,
            description="URL of a view where users should be redirected to delete their account.",
        )

    class Meta:
        description = "Sends an email with the account removal link for the logged-in user."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, redirect_url, channel=None):
        user = require_login(info)
        from_channel(channel)
        account_errors(lambda: request_account_deletion(user_id=user.pk, redirect_url=redirect_url))
        return cls()


class AccountDelete(MarketplaceMutation):
    user = graphene.Field(User, description="The account as it was before removal.")

    class Arguments:
        token = graphene.String(
            required=True,
            description="A one-time token required to remove account. Sent by email using "
            "AccountRequestDeletion mutation.",
        )

    class Meta:
        description = "Remove user account."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, token):
        user = require_login(info)
        return cls(user=account_errors(lambda: delete_account(user.pk, token=token)))
