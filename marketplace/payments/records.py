"""Writing a transaction's events and flags; no provider and no orders service here.

Refunds (called from ``orders.services``) use these too, so this module must not import
``orders.services``: the dependency runs orders → payments.refunds → payments.records.
"""

import logging

from . import notices
from .models import TransactionEvent, TransactionItem

logger = logging.getLogger("marketplace.payments")


def add_event(
    txn: TransactionItem,
    event_type: str,
    *,
    amount: int = 0,
    psp_reference: str = "",
    message: str = "",
    raw: dict | None = None,
    actor=None,
) -> TransactionEvent:
    return TransactionEvent.objects.create(
        transaction=txn,
        type=event_type,
        amount=amount,
        currency=txn.currency,
        psp_reference=psp_reference,
        message=message[:5000],
        raw_payload=raw or {},
        created_by=actor if getattr(actor, "pk", None) else None,
    )


def flag_for_staff(txn: TransactionItem, reason: str) -> None:
    """Mark a transaction for staff review, tell the province's staff and log it."""
    txn.flagged_for_review = True
    txn.flag_reason = f"{txn.flag_reason}\n{reason}".strip()
    txn.save(update_fields=["flagged_for_review", "flag_reason", "updated_at"])
    logger.error(
        "payment flagged for staff: order #%s transaction %s (%s): %s",
        txn.order.number,
        txn.pk,
        txn.psp_reference or txn.token,
        reason,
    )
    notices.payment_flagged(txn, reason)
