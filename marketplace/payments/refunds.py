"""Refunds requested by other domains (staff cancel, a group's rejected shipment).

``request_refund`` writes pending refunds in the caller's transaction and schedules the provider
call after commit; ``perform_refund`` (a Celery task's body) calls the provider with the refund's
own idempotency key, so a retried task never refunds twice. Over-refunds are refused here, before
any provider sees them (localstripe, unlike Stripe, would accept them).
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from .errors import PaymentError, PaymentErrorCode
from .locks import locked_order, locked_transactions
from .models import (
    OPEN_REFUND_STATUSES,
    Refund,
    RefundStatus,
    TransactionEventType,
    TransactionGateway,
    TransactionItem,
    TransactionStatus,
)
from .records import add_event, flag_for_staff
from .tasks import perform_refund_task

logger = logging.getLogger("marketplace.payments")


def refundable_amount(order_id: int) -> int:
    """Money charged on the order's transactions and not yet refunded or being refunded."""
    charged = TransactionItem.objects.filter(order_id=order_id, status=TransactionStatus.CHARGED)
    total = charged.aggregate(total=Sum("charged_value"))["total"] or 0
    open_refunds = Refund.objects.filter(order_id=order_id, status__in=OPEN_REFUND_STATUSES)
    return total - (open_refunds.aggregate(total=Sum("amount"))["total"] or 0)


def request_refund(
    order_id: int, *, amount: int, reason: str, fulfillment_id: int | None = None
) -> list[Refund]:
    """Write a pending refund in the caller's transaction; the provider is called after commit.

    ``amount`` 0 means there is nothing to give back (an unpaid order) and writes nothing.
    Card refunds go to Stripe; bank-transfer refunds wait for staff to transfer the money back.
    """
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise PaymentError(
            PaymentErrorCode.INVALID_AMOUNT, _("Invalid refund amount."), field="amount"
        )
    if amount == 0:
        return []
    with transaction.atomic():
        order = locked_order(order_id)
        transactions = locked_transactions(order_id=order_id, status=TransactionStatus.CHARGED)
        available = refundable_amount(order_id)
        if amount > available:
            logger.warning(
                "refund of %s for order #%s refused: only %s can be refunded",
                amount,
                order.number,
                available,
            )
            raise PaymentError(
                PaymentErrorCode.OVER_REFUND,
                _("Cannot refund %(amount)s: only %(available)s was paid and not yet refunded.")
                % {"amount": amount, "available": available},
                field="amount",
            )
        refunds = []
        remaining = amount
        for txn in transactions:
            open_amount = (
                Refund.objects.filter(transaction=txn, status__in=OPEN_REFUND_STATUSES).aggregate(
                    total=Sum("amount")
                )["total"]
                or 0
            )
            share = min(remaining, txn.charged_value - open_amount)
            if share <= 0:
                continue
            refunds.append(_write_refund(txn, share, reason=reason, fulfillment_id=fulfillment_id))
            remaining -= share
            if remaining == 0:
                break
    return refunds


def _write_refund(txn: TransactionItem, amount: int, *, reason: str, fulfillment_id) -> Refund:
    manual = txn.gateway == TransactionGateway.BANK_TRANSFER
    refund = Refund.objects.create(
        order_id=txn.order_id,
        transaction=txn,
        fulfillment_id=fulfillment_id,
        amount=amount,
        reason=reason or "-",
        status=RefundStatus.MANUAL if manual else RefundStatus.PENDING,
    )
    add_event(txn, TransactionEventType.REFUND_REQUEST, amount=amount, message=reason)
    if manual:
        flag_for_staff(
            txn,
            _("Transfer %(amount)s back to the customer (refund %(id)s).")
            % {"amount": amount, "id": refund.pk},
        )
    else:
        transaction.on_commit(partial(perform_refund_task.delay, refund.pk))
    logger.info("refund %s of %s requested for order id %s", refund.pk, amount, txn.order_id)
    return refund
