"""The same delivery task published twice (a re-dispatch racing the original) sends once."""

import pytest
from django.db import transaction

from marketplace.notifications.dispatch import publish_deliveries
from marketplace.notifications.models import Channel
from marketplace.notifications.outbox import Recipient, enqueue
from tests.factories.groups import UppksGroupFactory
from tests.factories.notifications import reminder_context

from .helpers import wait_all_sent, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_duplicated_task_never_sends_twice(celery_worker_factory, smtp_server):
    group = UppksGroupFactory()
    worker = celery_worker_factory(env={"EMAIL_URL": smtp_server.url})

    with transaction.atomic():
        (message,) = enqueue(
            "fulfillment_accept_reminder",
            about=group,
            recipients=[Recipient(Channel.EMAIL, "ketua@example.id")],
            context=reminder_context(),
        )
    assert publish_deliveries([message.pk, message.pk]) == 2

    (row,) = wait_all_sent(count=1)
    wait_until(lambda: worker.log().count(" succeeded in ") >= 3, what="all three tasks run")
    assert len(smtp_server.received()) == 1
    assert row.attempts == 1
    assert row.attempt_log.count() == 1
