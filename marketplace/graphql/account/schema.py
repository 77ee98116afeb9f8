"""me, and the account mutations."""

import graphene

from ..core.permissions import current_user
from .mutations.account import AccountRegister, AccountUpdate
from .mutations.address import (
    AccountAddressCreate,
    AccountAddressDelete,
    AccountAddressUpdate,
    AccountSetDefaultAddress,
)
from .mutations.deletion import AccountDelete, AccountRequestDeletion
from .mutations.password import PasswordChange, RequestPasswordReset, SetPassword
from .mutations.tokens import CreateToken, DeactivateAllUserTokens, RefreshToken, VerifyToken
from .types import User


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="Return the currently authenticated user.")

    @staticmethod
    def resolve_me(root, info):
        return current_user(info)


class AccountMutations(graphene.ObjectType):
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    token_verify = VerifyToken.Field()
    tokens_deactivate_all = DeactivateAllUserTokens.Field()
    account_register = AccountRegister.Field()
    account_update = AccountUpdate.Field()
    password_change = PasswordChange.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    account_address_create = AccountAddressCreate.Field()
    account_address_update = AccountAddressUpdate.Field()
    account_address_delete = AccountAddressDelete.Field()
    account_set_default_address = AccountSetDefaultAddress.Field()
    account_request_deletion = AccountRequestDeletion.Field()
    account_delete = AccountDelete.Field()
