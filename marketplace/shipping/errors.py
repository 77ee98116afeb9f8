"""Shipping errors: a stable code for clients and a message for people."""

from enum import StrEnum

from marketplace.core.errors import DomainError


class ShippingErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    INVALID_STATUS = "invalid_status"
    NO_COURIER = "no_courier"
    NO_PICKUP_ADDRESS = "no_pickup_address"
    ALREADY_BOOKING = "already_booking"
    COURIER_UNAVAILABLE = "courier_unavailable"
    DESTINATION_NOT_SERVED = "destination_not_served"
    COURIER_REFUSED = "courier_refused"
    COD_NOT_SUPPORTED = "cod_not_supported"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_SHIPMENT = "unknown_shipment"
    INVALID = "invalid"


class ShippingError(DomainError):
    pass
