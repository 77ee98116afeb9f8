"""Bursts through prefork workers (the docker-compose shape): one SMTP connection per worker
process, priorities, and nothing lost or doubled when a worker is killed or Redis stops."""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from marketplace.notifications.dispatch import requeue_stuck
from marketplace.notifications.models import Channel, OutboxMessage, OutboxStatus
from marketplace.notifications.outbox import Notice, Recipient, enqueue, enqueue_many
from tests.factories.groups import UppksGroupFactory
from tests.factories.notifications import reminder_context

from .helpers import wait_all_sent, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROUTED = "fulfillment_routed"  # urgent: a group told of a new order
BULK = "fulfillment_accept_reminder"  # bulk: reminders, statements, payout notices


def commit_one(group, n: int, *, event: str = ROUTED) -> OutboxMessage:
    """One order's change: its own transaction, its notice committed with it."""
    with transaction.atomic():
        (message,) = enqueue(
            event,
            about=group,
            recipients=[Recipient(Channel.EMAIL, f"kelompok{n}@example.id")],
            context=reminder_context(order_number=100_000 + n),
        )
    return message


def assert_each_delivered_once(smtp, count: int) -> None:
    rows = wait_all_sent(count=count, timeout=120)
    smtp.wait_for(count, timeout=60)
    received = Counter(smtp.message_ids())
    assert set(received) == {row.message_id_header for row in rows}  # 0 lost
    assert max(received.values()) == 1, received.most_common(3)  # 0 doubled
    assert len(smtp.received()) == count


def quiet() -> bool:
    """Nothing being sent, and nothing changed in the outbox for a second."""
    before = Counter(OutboxMessage.objects.values_list("status", flat=True))
    time.sleep(1)
    after = Counter(OutboxMessage.objects.values_list("status", flat=True))
    return before == after and after[OutboxStatus.SENDING] == 0


def stuck_after() -> timedelta:
    return timedelta(minutes=settings.NOTIFICATION_STUCK_AFTER_MINUTES, seconds=1)


def test_a_burst_goes_out_over_one_smtp_connection_per_worker_process(
    prefork_worker_factory, counting_smtp_server
):
    group = UppksGroupFactory()
    prefork_worker_factory(concurrency=2, env={"EMAIL_URL": counting_smtp_server.url})

    for n in range(120):
        commit_one(group, n)

    assert_each_delivered_once(counting_smtp_server, 120)
    assert 1 <= counting_smtp_server.connections() <= 2


def test_a_routed_notice_committed_after_500_bulk_notices_overtakes_them(
    prefork_worker_factory, counting_smtp_server, settings
):
    group = UppksGroupFactory()
    settings.NOTIFICATION_BATCH_SIZE = 10  # tasks of ten rows, here and in the worker
    prefork_worker_factory(
        concurrency=2,
        env={"EMAIL_URL": counting_smtp_server.url, "NOTIFICATION_BATCH_SIZE": "10"},
    )
    counting_smtp_server.hold_recipients()  # the workers stall on the first bulk mails
    with transaction.atomic():  # one change: the month's statements, say
        bulk = enqueue_many(
            Notice(
                BULK,
                about=group,
                recipients=[Recipient(Channel.EMAIL, f"anggota{n}@example.id")],
                context=reminder_context(),
            )
            for n in range(500)
        )
    assert counting_smtp_server.held.wait(timeout=30)
    routed = commit_one(group, 1)
    counting_smtp_server.release()

    assert_each_delivered_once(counting_smtp_server, 501)
    order = counting_smtp_server.message_ids()
    position = order.index(routed.message_id_header)
    # only what the workers had claimed or reserved when it was committed (a few batches of
    # ten) went before it; in arrival order it would have been the 501st
    assert position < 50, position
    assert len(bulk) == 500


def test_a_worker_killed_mid_burst_loses_nothing_and_doubles_nothing(
    prefork_worker_factory, counting_smtp_server, redis_server
):
    group = UppksGroupFactory()
    worker = prefork_worker_factory(
        concurrency=2, env={"EMAIL_URL": counting_smtp_server.url}, broker_url=redis_server.url
    )
    for n in range(100):
        commit_one(group, n)
    counting_smtp_server.wait_for(30, timeout=60)
    counting_smtp_server.hold_recipients()  # a send in progress when the worker dies
    assert counting_smtp_server.held.wait(timeout=30)
    worker.kill()  # SIGKILL to the main process and both children
    counting_smtp_server.release()
    stuck = set(
        OutboxMessage.objects.filter(status=OutboxStatus.SENDING).values_list("pk", flat=True)
    )
    assert stuck  # rows claimed by the dead worker, never recorded

    for n in range(100, 200):  # the burst goes on while no worker runs
        commit_one(group, n)
    worker.start()
    wait_until(
        lambda: (
            OutboxMessage.objects.exclude(pk__in=stuck).exclude(status=OutboxStatus.SENT).count()
            == 0
        ),
        timeout=120,
        what="the rest of the burst sent",
    )
    assert set(requeue_stuck(now=timezone.now() + stuck_after())) == stuck

    assert_each_delivered_once(counting_smtp_server, 200)
    interrupted = OutboxMessage.objects.filter(pk__in=stuck)
    assert {row.attempts for row in interrupted} == {2}
    assert requeue_stuck(now=timezone.now() + stuck_after()) == []


def test_redis_stopped_mid_burst_loses_nothing_and_doubles_nothing(
    prefork_worker_factory, counting_smtp_server, redis_server
):
    group = UppksGroupFactory()
    prefork_worker_factory(
        concurrency=2, env={"EMAIL_URL": counting_smtp_server.url}, broker_url=redis_server.url
    )
    for n in range(100):
        commit_one(group, n)
    redis_server.stop()  # the queue and everything in it is gone (in-memory Redis)
    for n in range(100, 150):  # committed while the broker is down: the orders stand
        commit_one(group, n)
    redis_server.start()
    after_restart = [commit_one(group, n) for n in range(150, 200)]

    # the tasks published while Redis was down, and those lost with its memory, are never run:
    # their rows stay pending until a later task drains them or the re-dispatcher publishes them.
    # The worker reconnects with the broker's backoff, which can take a while on a busy machine.
    wait_until(
        lambda: OutboxMessage.objects.filter(
            pk__in=[row.pk for row in after_restart], status=OutboxStatus.SENT
        ).exists(),
        timeout=240,
        what="the worker back on the restarted Redis",
    )
    wait_until(quiet, what="the worker idle")  # so the re-dispatch below races no live send
    requeue_stuck(now=timezone.now() + stuck_after())

    assert_each_delivered_once(counting_smtp_server, 200)
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
