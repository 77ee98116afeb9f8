"""The beat job re-dispatches notices a lost task or a broker outage left behind."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.notifications.delivery import reset_stuck_messages
from marketplace.notifications.dispatch import requeue_stuck
from marketplace.notifications.models import OutboxStatus
from tests.factories.notifications import OutboxMessageFactory

pytestmark = pytest.mark.django_db


def test_a_notice_left_sending_by_a_dead_worker_is_made_due_again(settings):
    settings.NOTIFICATION_STUCK_AFTER_MINUTES = 5
    now = timezone.now()
    lost = OutboxMessageFactory(
        status=OutboxStatus.SENDING, attempts=1, claimed_at=now - timedelta(minutes=6)
    )
    busy = OutboxMessageFactory(
        status=OutboxStatus.SENDING, attempts=1, claimed_at=now - timedelta(minutes=1)
    )

    assert reset_stuck_messages(now=now) == [lost.pk]

    lost.refresh_from_db()
    busy.refresh_from_db()
    assert (lost.status, lost.attempts, lost.next_attempt_at) == (OutboxStatus.PENDING, 1, now)
    assert list(lost.attempt_log.values_list("number", "succeeded")) == [(1, False)]
    assert busy.status == OutboxStatus.SENDING
    assert busy.attempt_log.count() == 0


def test_a_pending_notice_whose_task_never_came_is_made_due_again(settings):
    settings.NOTIFICATION_STUCK_AFTER_MINUTES = 5
    now = timezone.now()
    forgotten = OutboxMessageFactory(next_attempt_at=now - timedelta(minutes=10))
    backing_off = OutboxMessageFactory(next_attempt_at=now + timedelta(minutes=30))
    fresh = OutboxMessageFactory(next_attempt_at=now - timedelta(minutes=1))
    OutboxMessageFactory(status=OutboxStatus.SENT, next_attempt_at=now - timedelta(hours=1))
    OutboxMessageFactory(status=OutboxStatus.FAILED, next_attempt_at=now - timedelta(hours=1))

    assert reset_stuck_messages(now=now) == [forgotten.pk]
    # re-dispatched at most once per threshold
    assert reset_stuck_messages(now=now + timedelta(minutes=1)) == []

    for row in (forgotten, backing_off, fresh):
        row.refresh_from_db()
    assert forgotten.next_attempt_at == now
    assert backing_off.next_attempt_at > now
    assert fresh.status == OutboxStatus.PENDING


def test_a_notice_lost_on_its_last_attempt_fails(settings):
    now = timezone.now()
    message = OutboxMessageFactory(
        status=OutboxStatus.SENDING,
        attempts=8,
        retry_limit=8,
        claimed_at=now - timedelta(hours=1),
    )

    assert reset_stuck_messages(now=now) == []

    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.last_error == "interrupted on the last allowed attempt"


def test_requeue_publishes_after_commit(django_capture_on_commit_callbacks):
    now = timezone.now()
    message = OutboxMessageFactory(next_attempt_at=now - timedelta(hours=1))

    with django_capture_on_commit_callbacks() as callbacks:
        assert requeue_stuck(now=now) == [message.pk]

    assert len(callbacks) == 1
