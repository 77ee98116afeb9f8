"""Refunds requested by other domains (owned by the payments domain).

Until payments lands this records nothing; the payments engineer replaces the body.
"""


def request_refund(order_id: int, *, amount: int, reason: str, fulfillment_id: int | None = None):
    """Write a pending refund in the caller's transaction; the provider is called after commit."""
