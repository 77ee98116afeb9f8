"""Checkout errors: Saleor's ``CheckoutErrorCode`` names, a field and a translated message."""

from enum import StrEnum

from marketplace.core.errors import DomainError


class CheckoutErrorCode(StrEnum):
    EMAIL_NOT_SET = "email_not_set"
    INSUFFICIENT_STOCK = "insufficient_stock"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    NO_LINES = "no_lines"
    PRODUCT_NOT_PUBLISHED = "product_not_published"
    PRODUCT_UNAVAILABLE_FOR_PURCHASE = "product_unavailable_for_purchase"
    QUANTITY_GREATER_THAN_LIMIT = "quantity_greater_than_limit"
    REQUIRED = "required"
    SHIPPING_ADDRESS_NOT_SET = "shipping_address_not_set"
    SHIPPING_PRICE_CHANGED = "shipping_price_changed"
    SHIPPING_METHOD_NOT_APPLICABLE = "shipping_method_not_applicable"
    ZERO_QUANTITY = "zero_quantity"
    COD_NOT_AVAILABLE = "cod_not_available"


class CheckoutError(DomainError):
    """A checkout operation refused; ``params`` may carry ``variant_id`` or ``line_id``."""
