"""Account errors: the codes the API's ``AccountErrorCode`` already returns."""

from enum import StrEnum

from marketplace.core.errors import DomainError


class AccountErrorCode(StrEnum):
    INVALID = "invalid"
    INVALID_PASSWORD = "invalid_password"
    NOT_FOUND = "not_found"
    PASSWORD_ENTIRELY_NUMERIC = "password_entirely_numeric"
    PASSWORD_RESET_ALREADY_REQUESTED = "password_reset_already_requested"
    PASSWORD_TOO_COMMON = "password_too_common"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_SIMILAR = "password_too_similar"
    REQUIRED = "required"
    UNIQUE = "unique"


class AccountError(DomainError):
    """An account operation refused; ``field`` names the input at fault (snake_case)."""
