from enum import StrEnum

from marketplace.core.errors import DomainError


class SettlementErrorCode(StrEnum):
    UNKNOWN_BANK = "unknown_bank"
    INVALID_ACCOUNT_NUMBER = "invalid_account_number"
    INVALID_HOLDER_NAME = "invalid_holder_name"
    INVALID_AMOUNT = "invalid_amount"
    COMMISSION_OUT_OF_RANGE = "commission_out_of_range"
    NOTHING_PAYABLE = "nothing_payable"
    NO_PAYOUT_ACCOUNT = "no_payout_account"
    BATCH_ALREADY_PAID = "batch_already_paid"
    LINE_NOT_PENDING = "line_not_pending"
    REQUEST_NOT_PENDING = "request_not_pending"
    UNBALANCED = "unbalanced"
    NOT_PAID = "not_paid"


class SettlementError(DomainError):
    """A settlement rule refused the operation; nothing was posted."""
