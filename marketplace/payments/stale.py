"""Closing payment attempts of canceled orders (a beat job); no orders service here, so the
refund path (orders → payments.refunds → payments.tasks) stays free of import cycles."""

import logging

from django.db import transaction

from .gateways import GatewayError, get_gateway
from .locks import locked_order, locked_transaction
from .models import TransactionEventType, TransactionItem, TransactionStatus
from .records import add_event

logger = logging.getLogger("marketplace.payments")


def cancel_stale_card_payment(transaction_id: int) -> bool:
    """Cancel the provider-side payment of an order that was canceled, so it cannot be paid."""
    txn = TransactionItem.objects.select_related("order").get(pk=transaction_id)
    if txn.status != TransactionStatus.PENDING or not txn.psp_reference:
        return False
    try:
        session = get_gateway(txn.gateway).cancel_payment(txn.psp_reference)
    except GatewayError as exc:
        logger.warning(
            "open payment %s of canceled order #%s not canceled: %s",
            txn.psp_reference,
            txn.order.number,
            exc,
        )
        return False
    with transaction.atomic():
        locked_order(txn.order_id)
        txn = locked_transaction(transaction_id)
        if txn.status != TransactionStatus.PENDING:
            return False
        txn.status = TransactionStatus.CANCELED
        txn.canceled_value = txn.amount
        txn.save(update_fields=["status", "canceled_value", "updated_at"])
        add_event(
            txn,
            TransactionEventType.CANCEL_SUCCESS,
            amount=txn.amount,
            psp_reference=txn.psp_reference,
            raw=session.raw,
        )
    return True
