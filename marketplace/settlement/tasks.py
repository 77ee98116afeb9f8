"""Periodic settlement jobs: thin entry points, safe to run twice."""

import logging
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from marketplace.orders.models import Fulfillment, FulfillmentStatus

from .errors import SettlementError, SettlementErrorCode
from .models import LedgerTransaction, TransactionKind
from .payouts import run_payouts
from .postings import post_fulfillment_delivered
from .reconciliation import check_ledger

logger = logging.getLogger("marketplace.settlement")


@shared_task
def release_shipped_fulfillments(now_iso: str | None = None) -> int:
    """Shipped more than SETTLEMENT_RELEASE_AFTER_SHIPPED_DAYS ago: the share becomes payable."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    cutoff = now - timedelta(days=settings.SETTLEMENT_RELEASE_AFTER_SHIPPED_DAYS)
    released = LedgerTransaction.objects.filter(kind=TransactionKind.RELEASE).values(
        "fulfillment_id"
    )
    due = (
        Fulfillment.objects.filter(status=FulfillmentStatus.SHIPPED, shipped_at__lte=cutoff)
        .exclude(pk__in=released)
        .order_by("pk")
    )
    count = 0
    for fulfillment in due.iterator(chunk_size=500):
        post_fulfillment_delivered(fulfillment)
        count += 1
    return count


@shared_task
def run_scheduled_payouts() -> int | None:
    """The weekly payout run; a week with nothing payable is not an error."""
    try:
        batch = run_payouts(actor=None)
    except SettlementError as err:
        if err.code != SettlementErrorCode.NOTHING_PAYABLE:
            raise
        logger.info("payout run: nothing payable")
        return None
    logger.info(
        "payout run %s: %s lines, Rp %s", batch.reference, batch.line_count, batch.total_amount
    )
    return batch.pk


@shared_task
def reconcile_ledger() -> bool:
    """Counters against entries, every transaction balanced; problems are logged and stored."""
    check = check_ledger()
    if not check.ok:
        logger.error(
            "ledger reconciliation found %s problems: %s", len(check.problems), check.problems[:20]
        )
    return check.ok
