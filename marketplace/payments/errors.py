from enum import StrEnum

from marketplace.core.errors import DomainError


class PaymentErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    NOT_PAYABLE = "not_payable"
    ALREADY_PAID = "already_paid"
    WRONG_PAYMENT_METHOD = "wrong_payment_method"
    AMOUNT_MISMATCH = "amount_mismatch"
    CURRENCY_MISMATCH = "currency_mismatch"
    INVALID_SIGNATURE = "invalid_signature"
    INVALID_PAYLOAD = "invalid_payload"
    INVALID_PROOF = "invalid_proof"
    PROOF_TOO_LARGE = "proof_too_large"
    STORAGE_UNAVAILABLE = "storage_unavailable"
    INVALID_STATUS = "invalid_status"
    REASON_REQUIRED = "reason_required"
    OUT_OF_SCOPE = "out_of_scope"
    INVALID_AMOUNT = "invalid_amount"
    OVER_REFUND = "over_refund"
    GATEWAY_ERROR = "gateway_error"
    GATEWAY_NOT_CONFIGURED = "gateway_not_configured"


class PaymentError(DomainError):
    """A payment operation refused by a rule; ``code`` is a ``PaymentErrorCode``."""
