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
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
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
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1, updated_at=now
    )
    if claimed != 1:
        return SKIPPED
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        receipt = transports.send(message)
    except transports.PermanentTransportError as exc:
        _record(message, started_at=now, error=exc, final=True)
        return DeliveryResult("failed")
    except Exception as exc:  # noqa: BLE001 - any other failure (timeouts, bugs) is retried
        if not isinstance(exc, transports.TransportError):
            logger.exception("notice %s: unexpected error while sending", message_id)
        final = message.attempts >= message.retry_limit
        retry_in = None if final else backoff_seconds(message.attempts)
        _record(message, started_at=now, error=exc, final=final, retry_in=retry_in)
        return DeliveryResult("failed") if final else DeliveryResult("retry", retry_in)
    _record(message, started_at=now, receipt=receipt)
    return DeliveryResult("sent")


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
