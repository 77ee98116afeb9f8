"""Handing outbox rows to Celery, and the delivery tasks themselves.

Publishing happens after commit and never raises into the committing code: with the broker
down the rows stay ``pending`` and the re-dispatch beat job picks them up later.
"""

import logging
from functools import partial

from celery import shared_task
from django.conf import settings
from django.db import transaction

from . import delivery

logger = logging.getLogger("marketplace.notifications")

# Publishing to a broker that is down must fail fast: the request that committed is waiting.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}


@shared_task(
    bind=True,
    name="notifications.deliver_outbox_message",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=settings.NOTIFICATION_MAX_ATTEMPTS,
    soft_time_limit=settings.NOTIFICATION_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.NOTIFICATION_TASK_TIME_LIMIT,
)
def deliver_outbox_message(self, message_id: int) -> None:
    """Send one outbox message once; a repeat of this task finds it claimed or sent."""
    result = delivery.deliver_message(message_id)
    if result.status == "retry" and not self.request.is_eager:
        raise self.retry(countdown=result.retry_in, max_retries=None)


@shared_task(
    name="notifications.requeue_stuck_messages",
    ignore_result=True,
    soft_time_limit=120,
    time_limit=180,
)
def requeue_stuck_messages() -> int:
    """Beat: re-dispatch rows left pending or sending by a lost task or a broker outage."""
    return len(requeue_stuck())


def requeue_stuck(**options) -> list[int]:
    """Reset stuck rows and publish their tasks once the reset is committed."""
    with transaction.atomic():
        ids = delivery.reset_stuck_messages(**options)
        if ids:
            transaction.on_commit(partial(publish_deliveries, ids))
    if ids:
        logger.warning("re-dispatched %d stuck notices", len(ids))
    return ids


def retry_failed_messages(message_ids: list[int]) -> list[int]:
    """Staff action: give failed notices a fresh allowance of attempts and send them again."""
    with transaction.atomic():
        ids = delivery.reopen_failed_messages(list(message_ids))
        if ids:
            transaction.on_commit(partial(publish_deliveries, ids))
    return ids


def schedule_deliveries(message_ids: list[int]) -> None:
    """Publish the delivery tasks once the caller's transaction commits."""
    if message_ids:
        transaction.on_commit(partial(publish_deliveries, list(message_ids)))


def publish_deliveries(message_ids: list[int]) -> int:
    """Publish one task per row; on a broker error log it and leave the rest for the beat job."""
    published = 0
    for message_id in message_ids:
        try:
            deliver_outbox_message.apply_async(
                (message_id,), retry=True, retry_policy=PUBLISH_RETRY_POLICY
            )
        except Exception:  # noqa: BLE001 - the committing request must never fail on this
            logger.exception(
                "could not publish %d notice(s) (first %s); they stay pending for the re-dispatch",
                len(message_ids) - published,
                message_id,
            )
            break
        published += 1
    return published
