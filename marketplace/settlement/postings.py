"""Ledger postings called by the services that cause them (owned by the settlement domain).

Until the ledger lands these record nothing; the settlement engineer replaces each body.
"""


def post_payment_confirmed(order) -> None:
    """Credit each group's pending balance and the commission account for a paid order."""


def post_fulfillment_delivered(fulfillment) -> None:
    """Move the fulfilment's share from pending to payable."""


def post_fulfillment_reversed(fulfillment, *, order_lines=None) -> None:
    """Reverse a group's share (rejection or refund), commission too."""
