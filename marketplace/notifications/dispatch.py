"""Handing outbox rows to Celery, and the delivery tasks themselves.

Publishing happens after commit and never raises into the committing code: with the broker
down the rows stay ``pending`` and the re-dispatch beat job picks them up later.
"""

import logging
from collections import defaultdict
from functools import partial

from celery import shared_task
from django.conf import settings
from django.db import transaction

from . import delivery
from .models import OutboxMessage, Priority

logger = logging.getLogger("marketplace.notifications")

# Publishing to a broker that is down must fail fast: the request that committed is waiting.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}


TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "ignore_result": True,
    "max_retries": settings.NOTIFICATION_MAX_ATTEMPTS,
    "soft_time_limit": settings.NOTIFICATION_TASK_SOFT_TIME_LIMIT,
    "time_limit": settings.NOTIFICATION_TASK_TIME_LIMIT,
}


@shared_task(name="notifications.deliver_outbox_messages", **TASK_OPTIONS)
def deliver_outbox_messages(message_ids: list[int]) -> dict:
    """Send these outbox rows, and other due ones up to a batch (most urgent first), once.

    A repeat of this task finds its rows claimed or sent. A row to try again later is published
    again with its backoff as countdown (and left pending for the re-dispatcher if that fails).
    """
    outcome = delivery.deliver_batch(list(message_ids))
    for message_id, retry_in, priority in outcome.retries:
        _publish([message_id], priority=priority, countdown=retry_in)
    return {status: outcome.count(status) for status in ("sent", "retry", "failed")}


@shared_task(name="notifications.deliver_outbox_message", **TASK_OPTIONS)
def deliver_outbox_message(message_id: int) -> None:
    """One row (tasks published before batches existed); the same as a batch of one."""
    deliver_outbox_messages([message_id])


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


def schedule_deliveries(messages: list[OutboxMessage]) -> None:
    """Publish the delivery of new rows once the caller's transaction commits.

    Rows go out in tasks of up to ``NOTIFICATION_BATCH_SIZE`` rows of one priority, the most
    urgent first; the broker serves a higher priority first (Redis: one list per priority).
    """
    if not messages:
        return
    by_priority: dict[int, list[int]] = defaultdict(list)
    for message in messages:
        by_priority[message.priority].append(message.pk)
    size = settings.NOTIFICATION_BATCH_SIZE
    batches = [
        (priority, ids[start : start + size])
        for priority, ids in sorted(by_priority.items())
        for start in range(0, len(ids), size)
    ]
    transaction.on_commit(partial(publish_batches, batches))


def publish_batches(batches: list[tuple[int, list[int]]]) -> int:
    """Publish one task per (priority, ids); on a broker error log it and leave the rest."""
    published = 0
    for priority, ids in batches:
        if not _publish(ids, priority=priority):
            break
        published += 1
    return published


def publish_deliveries(message_ids: list[int], *, priority: int = Priority.NORMAL) -> int:
    """Publish one task per row (re-dispatch, staff retry); stops at the first broker error."""
    published = 0
    for message_id in message_ids:
        if not _publish([message_id], priority=priority):
            break
        published += 1
    return published


def _publish(ids: list[int], *, priority: int, countdown: float | None = None) -> bool:
    try:
        deliver_outbox_messages.apply_async(
            (ids,),
            priority=priority,
            countdown=countdown,
            retry=True,
            retry_policy=PUBLISH_RETRY_POLICY,
        )
    except Exception:  # noqa: BLE001 - the committing request must never fail on this
        logger.exception(
            "could not publish notice(s) %s; they stay pending for the re-dispatch", ids[:5]
        )
        return False
    return True
