"""Order errors: Saleor's ``OrderErrorCode`` names where they exist, plus two of our own."""

from enum import StrEnum

from marketplace.core.errors import DomainError


class OrderErrorCode(StrEnum):
    # Saleor's names
    CANNOT_CANCEL_FULFILLMENT = "cannot_cancel_fulfillment"
    CANNOT_CANCEL_ORDER = "cannot_cancel_order"
    CANNOT_FULFILL_UNPAID_ORDER = "cannot_fulfill_unpaid_order"
    INSUFFICIENT_STOCK = "insufficient_stock"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    # ours: a payment for an order already paid, or for one already canceled
    ALREADY_PAID = "already_paid"
    ORDER_CANCELED = "order_canceled"
    # ours: a fulfilment transition not allowed from its current status
    INVALID_STATUS = "invalid_status"


class OrderError(DomainError):
    """An order operation refused by a business rule."""
