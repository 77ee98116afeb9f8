"""me, and the account mutations."""

import graphene

from ..core.permissions import current_user
from .mutations.account import AccountRegister, AccountUpdate
from .mutations.password import PasswordChange, RequestPasswordReset, SetPassword
from .mutations.tokens import CreateToken, RefreshToken, VerifyToken
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
    account_register = AccountRegister.Field()
    account_update = AccountUpdate.Field()
    password_change = PasswordChange.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
