"""Delivering outbox rows: claim, send outside any transaction, record the outcome.

The claim (``pending`` → ``sending`` with ``attempts + 1``) is one conditional UPDATE, so of two
tasks for the same row only one sends. The outcome is written only if the row is still held by
that same attempt. A send that reached the receiver but whose outcome was lost (the worker died
between the two) is repeated with the same idempotency key, which the receiver drops.

A row's ``secret_context`` (a one-time link) is kept while the row may still be sent, so a retry
sends the same working link, and is erased by the UPDATE that makes the row ``sent`` or
``failed``; errors are recorded with every fragment of a secret hidden.
"""

import logging
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils import timezone

from . import transports
from .models import OutboxAttempt, OutboxMessage, OutboxStatus
from .redaction import redact

logger = logging.getLogger("marketplace.notifications")


@dataclass(frozen=True)
class DeliveryResult:
    status: str  # "sent", "retry", "failed", "skipped"
    retry_in: float | None = None


SKIPPED = DeliveryResult("skipped")


def backoff_seconds(attempt: int) -> float:
    """Exponential backoff with jitter: half the step fixed, half random (attempt counts from 1)."""
    base = settings.NOTIFICATION_RETRY_BASE_SECONDS
    step = min(settings.NOTIFICATION_RETRY_MAX_SECONDS, base * 2 ** max(attempt - 1, 0))
    return step / 2 + random.uniform(0, step / 2)


def erased_secrets() -> dict:
    """UPDATE values that empty ``secret_context``, noting whether the row ever held a secret.

    In one UPDATE every value is computed from the row as it was, so ``secrets_erased`` sees the
    secrets being erased.
    """
    held_secrets = Q(secrets_erased=True) | ~Q(secret_context={})
    return {
        "secret_context": {},
        "secrets_erased": ExpressionWrapper(held_secrets, output_field=BooleanField()),
    }


def deliver_message(message_id: int) -> DeliveryResult:
    """Send one outbox row if it is pending; never sends a row that is sent or being sent."""
    outcome = deliver_batch([message_id], drain=False)
    return outcome.results.get(message_id, SKIPPED)


@dataclass
class BatchOutcome:
    """What one batch did, per row id; ``retries`` are the rows to publish again later."""

    results: dict[int, DeliveryResult] = field(default_factory=dict)
    retries: list[tuple[int, float, int]] = field(default_factory=list)  # id, delay, priority

    def count(self, status: str) -> int:
        return sum(1 for result in self.results.values() if result.status == status)


# Two lookups rather than one OR, so each uses its index: the task's own rows by id, then the
# due rows, most urgent first, only if the task still had a row of its own to send. A task whose
# rows another task drained (the common case in a backlog) is then one primary-key lookup; the
# scan of the queue, which grows with dead index entries between vacuums in a busy outbox, is
# done once per batch.
_CLAIM_SQL = """
WITH own AS (
    SELECT id FROM {table}
    WHERE id = ANY(%(ids)s) AND status = %(pending)s
    FOR UPDATE SKIP LOCKED
), drained AS (
    SELECT id FROM {table}
    WHERE status = %(pending)s AND next_attempt_at <= %(now)s AND NOT (id = ANY(%(ids)s))
    ORDER BY priority, id
    LIMIT (SELECT CASE WHEN count(*) > 0 THEN %(drain)s ELSE 0 END FROM own)
    FOR UPDATE SKIP LOCKED
)
UPDATE {table} SET status = %(sending)s, claimed_at = %(now)s, updated_at = %(now)s,
    attempts = attempts + 1
WHERE id IN (SELECT id FROM own UNION ALL SELECT id FROM drained)
RETURNING *
"""


def claim_batch(message_ids: list[int], *, drain: bool, limit: int | None = None) -> list:
    """Claim (``pending`` → ``sending``, ``attempts + 1``) in one UPDATE; returns the rows.

    ``drain``: if one of its own rows was still pending, also take other pending rows that are
    due, most urgent first, up to ``limit`` rows in all (``NOTIFICATION_BATCH_SIZE``), so one
    task sends what other tasks still queued in the broker would have sent; those tasks then
    find their rows taken and skip.
    Rows locked by another worker's claim are skipped, never waited for.
    """
    ids = sorted(set(message_ids))
    if limit is None:
        limit = max(len(ids), settings.NOTIFICATION_BATCH_SIZE) if drain else len(ids)
    if limit <= 0:
        return []
    sql = _CLAIM_SQL.format(table=OutboxMessage._meta.db_table)
    now = timezone.now()
    params = {
        "sending": OutboxStatus.SENDING,
        "pending": OutboxStatus.PENDING,
        "now": now,
        "ids": ids,
        "drain": max(limit - len(ids), 0) if drain else 0,
    }
    own = set(ids)
    rows = list(OutboxMessage.objects.raw(sql, params))
    rows.sort(key=lambda row: (row.priority, row.pk not in own, row.pk))
    return rows


def deliver_batch(message_ids: list[int], *, drain: bool = True) -> BatchOutcome:
    """Claim a batch and send it row by row, writing each outcome as soon as it is known.

    Each outcome is its own commit, so a worker killed mid-batch leaves every row it finished
    recorded; only the row it was sending (and those not yet started) stay ``sending`` for the
    re-dispatcher. Rows the batch could not start (time limit) are handed back at once.
    """
    outcome = BatchOutcome()
    batch = claim_batch(message_ids, drain=drain)
    # stop starting sends well before the task's soft time limit; the rest go back to pending
    deadline = time.monotonic() + settings.NOTIFICATION_TASK_SOFT_TIME_LIMIT / 2
    started = 0
    try:
        for message in batch:
            if started and time.monotonic() > deadline:
                break
            started += 1
            result = _send_claimed(message)
            outcome.results[message.pk] = result
            if result.status == "retry":
                outcome.retries.append((message.pk, result.retry_in, message.priority))
    finally:
        _release(batch[started:])
    return outcome


def _send_claimed(message: OutboxMessage) -> DeliveryResult:
    started_at = message.claimed_at
    try:
        receipt = transports.send(message)
    except transports.PermanentTransportError as exc:
        _record(message, started_at=started_at, error=exc, final=True)
        return DeliveryResult("failed")
    except Exception as exc:  # noqa: BLE001 - any other failure (timeouts, bugs) is retried
        if not isinstance(exc, transports.TransportError):
            logger.exception("notice %s: unexpected error while sending", message.pk)
        final = message.attempts >= message.retry_limit
        retry_in = None if final else backoff_seconds(message.attempts)
        _record(message, started_at=started_at, error=exc, final=final, retry_in=retry_in)
        return DeliveryResult("failed") if final else DeliveryResult("retry", retry_in)
    _record_sent(message, started_at=started_at, receipt=receipt)
    return DeliveryResult("sent")


# ``relaxed``: this commit does not wait for the WAL flush (``synchronous_commit`` off for this
# one transaction). A database crash may forget the last fraction of a second of outcomes: those
# rows stay ``sending`` and are re-sent by the re-dispatcher with the same idempotency key, which
# the receiver drops, exactly as after a worker killed between the send and this commit.
_SENT_SQL = """
WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true) AS value),
sent AS (
    UPDATE {message} SET status = %(sent)s, sent_at = %(now)s, updated_at = %(now)s,
        external_id = %(external_id)s, last_error = '',
        secrets_erased = (secrets_erased OR secret_context <> '{{}}'::jsonb),
        secret_context = '{{}}'::jsonb
    WHERE id = %(id)s AND status = %(sending)s AND attempts = %(attempts)s
    RETURNING id
)
INSERT INTO {attempt} (message_id, number, started_at, finished_at, succeeded, response_status,
    error)
SELECT %(id)s, %(attempts)s, %(started_at)s, %(now)s, true, %(response_status)s, ''
FROM relaxed
RETURNING (SELECT count(*) FROM sent)
"""


def _record_sent(message: OutboxMessage, *, started_at: datetime, receipt) -> None:
    """The success of an attempt and its attempt row, in one statement (one commit).

    The same as ``_record`` for a success (secrets erased, the row only if still held by this
    attempt), in one round trip: this is the path every notice of a burst takes.
    """
    sql = _SENT_SQL.format(
        message=OutboxMessage._meta.db_table, attempt=OutboxAttempt._meta.db_table
    )
    params = {
        "sent": OutboxStatus.SENT,
        "sending": OutboxStatus.SENDING,
        "now": timezone.now(),
        "external_id": (receipt.external_id if receipt else "")[:200],
        "id": message.pk,
        "attempts": message.attempts,
        "started_at": started_at,
        "response_status": receipt.response_status if receipt else None,
    }
    with connections[router.db_for_write(OutboxMessage)].cursor() as cursor:
        cursor.execute(sql, params)
        (updated,) = cursor.fetchone()
    if updated != 1:
        logger.warning("notice %s: attempt %s outcome came late", message.pk, message.attempts)


def _release(messages: list[OutboxMessage]) -> None:
    """Hand claimed rows that were never tried back to ``pending``, as they were."""
    for message in messages:
        OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxStatus.SENDING, attempts=message.attempts
        ).update(status=OutboxStatus.PENDING, attempts=F("attempts") - 1, claimed_at=None)


def _record(
    message: OutboxMessage,
    *,
    started_at: datetime,
    receipt: transports.Receipt | None = None,
    error: Exception | None = None,
    final: bool = False,
    retry_in: float | None = None,
) -> None:
    """Write the attempt's outcome if this attempt still holds the row."""
    now = timezone.now()
    held = OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxStatus.SENDING, attempts=message.attempts
    )
    if error is None:
        changes = {
            "status": OutboxStatus.SENT,
            "sent_at": now,
            "external_id": receipt.external_id if receipt else "",
            "last_error": "",
            **erased_secrets(),
        }
    else:
        error_text = redact(f"{error.__class__.__name__}: {error}", message.secret_context)
        changes = {
            "status": OutboxStatus.FAILED if final else OutboxStatus.PENDING,
            "last_error": error_text[:2000],
            "next_attempt_at": now + timedelta(seconds=retry_in or 0),
            **(erased_secrets() if final else {}),
        }
    with transaction.atomic():
        updated = held.update(updated_at=now, **changes)
        OutboxAttempt.objects.create(
            message_id=message.pk,
            number=message.attempts,
            started_at=started_at,
            finished_at=now,
            succeeded=error is None,
            response_status=(
                receipt.response_status if receipt else getattr(error, "response_status", None)
            ),
            error="" if error is None else changes["last_error"],
        )
    if updated != 1:
        logger.warning("notice %s: attempt %s outcome came late", message.pk, message.attempts)


def reset_stuck_messages(*, now: datetime | None = None, limit: int = 1000) -> list[int]:
    """Rows a lost task left behind, made due again; returns their ids (call in a transaction).

    ``sending`` longer than the stuck threshold: the worker died mid-send (the task's time limit
    is far shorter). ``pending`` and due for longer than the threshold: its task never arrived
    (broker down at commit, broker lost the message). Each re-dispatch moves ``next_attempt_at``
    to now, so a row is re-dispatched at most once per threshold.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.NOTIFICATION_STUCK_AFTER_MINUTES)
    stuck = list(
        OutboxMessage.objects.filter(
            Q(status=OutboxStatus.SENDING, claimed_at__lt=cutoff)
            | Q(status=OutboxStatus.PENDING, next_attempt_at__lt=cutoff)
        )
        .order_by("pk")
        .select_for_update(skip_locked=True)
        .values_list("pk", "status", "attempts", "retry_limit", "claimed_at")[:limit]
    )
    due, lost_sends = [], []
    for pk, status, attempts, retry_limit, claimed_at in stuck:
        if status == OutboxStatus.SENDING:
            lost_sends.append(
                OutboxAttempt(
                    message_id=pk,
                    number=attempts,
                    started_at=claimed_at,
                    finished_at=now,
                    error="interrupted: the worker stopped before the send completed",
                )
            )
            if attempts >= retry_limit:
                OutboxMessage.objects.filter(pk=pk).update(
                    status=OutboxStatus.FAILED,
                    last_error="interrupted on the last allowed attempt",
                    updated_at=now,
                    **erased_secrets(),
                )
                continue
        due.append(pk)
    OutboxAttempt.objects.bulk_create(lost_sends)
    OutboxMessage.objects.filter(pk__in=due).update(
        status=OutboxStatus.PENDING, next_attempt_at=now, updated_at=now
    )
    return due


def reopen_failed_messages(message_ids: list[int]) -> list[int]:
    """Failed rows made pending again with a fresh allowance of attempts (staff retry).

    A row whose one-time secrets were erased stays failed: sent again it would carry no link.
    """
    now = timezone.now()
    ids = list(
        OutboxMessage.objects.filter(
            pk__in=message_ids, status=OutboxStatus.FAILED, secrets_erased=False
        )
        .order_by("pk")
        .select_for_update()
        .values_list("pk", flat=True)
    )
    OutboxMessage.objects.filter(pk__in=ids).update(
        status=OutboxStatus.PENDING,
        retry_limit=F("attempts") + settings.NOTIFICATION_MAX_ATTEMPTS,
        next_attempt_at=now,
        updated_at=now,
    )
    return ids
