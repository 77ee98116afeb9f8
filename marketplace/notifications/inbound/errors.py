"""Why a WhatsApp command was refused: stable codes, stored on the inbound message."""

from enum import StrEnum

from marketplace.core.errors import DomainError


class InboundErrorCode(StrEnum):
    UNKNOWN_COMMAND = "unknown_command"
    ORDER_NUMBER_REQUIRED = "order_number_required"
    REASON_REQUIRED = "reason_required"
    SHIPMENT_REQUIRED = "shipment_required"
    STOCK_REQUIRED = "stock_required"
    INVALID_QUANTITY = "invalid_quantity"
    NOT_YOUR_ORDER = "not_your_order"
    AMBIGUOUS_ORDER = "ambiguous_order"
    UNKNOWN_SKU = "unknown_sku"
    AMBIGUOUS_SKU = "ambiguous_sku"
    UNKNOWN_SENDER = "unknown_sender"


class InboundError(DomainError):
    """A message that cannot be applied as written; its message is the answer to the member."""
