"""Celery entry points of the payments domain: thin, take ids, safe to run twice."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from marketplace.orders.models import OrderStatus

from .models import Refund, RefundStatus, TransactionGateway, TransactionItem, TransactionStatus
from .refund_processing import RefundRetryLater, perform_refund
from .stale import cancel_stale_card_payment

logger = logging.getLogger("marketplace.payments")

STUCK_AFTER = timedelta(minutes=10)


@shared_task(bind=True, max_retries=8, acks_late=True)
def perform_refund_task(self, refund_id: int) -> str:
    """Send one refund to the provider; a repeat finds it claimed or done."""
    try:
        return perform_refund(refund_id)
    except RefundRetryLater as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries)


@shared_task
def requeue_stuck_refunds() -> int:
    """Refunds left pending, or processing by a worker that died, are sent again.

    The provider call carries the refund's idempotency key, so a second send refunds nothing more.
    """
    cutoff = timezone.now() - STUCK_AFTER
    ids = list(
        Refund.objects.filter(
            status__in=[RefundStatus.PENDING, RefundStatus.PROCESSING], updated_at__lt=cutoff
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Refund.objects.filter(pk__in=ids, status=RefundStatus.PROCESSING).update(
        status=RefundStatus.PENDING, updated_at=timezone.now()
    )
    for refund_id in ids:
        perform_refund_task.delay(refund_id)
    if ids:
        logger.warning("re-queued %s stuck refunds: %s", len(ids), ids)
    return len(ids)


@shared_task
def close_stale_transactions(limit: int = 200) -> int:
    """Open attempts of canceled orders are closed: transfers free their unique amount, card
    payments are canceled at the provider (outside any transaction) so they cannot be paid."""
    stale = TransactionItem.objects.filter(
        status=TransactionStatus.PENDING, order__status=OrderStatus.CANCELED
    )
    closed = stale.filter(Q(gateway=TransactionGateway.BANK_TRANSFER) | Q(psp_reference="")).update(
        status=TransactionStatus.CANCELED, updated_at=timezone.now()
    )
    card_ids = list(stale.order_by("pk").values_list("pk", flat=True)[:limit])
    closed += sum(1 for pk in card_ids if cancel_stale_card_payment(pk))
    if closed:
        logger.info("closed %s open payment attempts of canceled orders", closed)
    return closed
