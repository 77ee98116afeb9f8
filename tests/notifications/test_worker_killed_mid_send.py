"""The worker dies after claiming a notice and before the send completes."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction

from marketplace.notifications.dispatch import requeue_stuck
from marketplace.notifications.models import Channel, OutboxMessage, OutboxStatus
from marketplace.notifications.outbox import Recipient, enqueue
from tests.factories.groups import UppksGroupFactory
from tests.factories.notifications import reminder_context

from .helpers import wait_all_sent, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_notice_interrupted_by_a_killed_worker_is_delivered_once_after_restart(
    celery_worker_factory, smtp_server
):
    group = UppksGroupFactory()
    worker = celery_worker_factory(env={"EMAIL_URL": smtp_server.url})
    smtp_server.hold_recipients()  # the SMTP conversation stalls before any mail data

    with transaction.atomic():
        (message,) = enqueue(
            "fulfillment_accept_reminder",
            about=group,
            recipients=[Recipient(Channel.EMAIL, "ketua@example.id")],
            context=reminder_context(),
        )
    assert smtp_server.held.wait(timeout=30)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENDING
    worker.kill()
    smtp_server.release()

    # nothing arrived, and the row stays claimed by the dead worker
    assert smtp_server.received() == []
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENDING, 1)

    worker.start()
    later = message.claimed_at + message_stuck_after()
    assert requeue_stuck(now=later) == [message.pk]

    (row,) = wait_all_sent(count=1)
    mails = smtp_server.wait_for(1)
    assert requeue_stuck() == []
    wait_until(lambda: worker.log().count("succeeded") >= 1, what="task finished")
    assert len(smtp_server.received()) == 1
    assert mails[0].message_id == message.message_id_header
    assert row.attempts == 2
    assert list(
        OutboxMessage.objects.get(pk=message.pk)
        .attempt_log.order_by("number")
        .values_list("number", "succeeded", "error")
    ) == [
        (1, False, "interrupted: the worker stopped before the send completed"),
        (2, True, ""),
    ]


def message_stuck_after() -> timedelta:
    return timedelta(minutes=settings.NOTIFICATION_STUCK_AFTER_MINUTES, seconds=1)
