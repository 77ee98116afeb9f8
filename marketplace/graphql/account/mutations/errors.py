"""Account service errors as the API reports them: the same code, the field in camelCase."""

from graphene.utils.str_converters import to_camel_case

from marketplace.accounts.errors import AccountError

from ...core.mutations import MutationError


def account_errors(handler):
    try:
        return handler()
    except AccountError as err:
        field = to_camel_case(err.field) if err.field else None
        raise MutationError(err.code.value, err.message, field=field)
