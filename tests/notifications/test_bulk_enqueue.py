"""A change's outbox rows go in with one INSERT, and a payout batch tells every group in a
constant number of queries, however many groups it pays."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from marketplace.notifications.models import Channel, OutboxMessage, Priority
from marketplace.notifications.outbox import Notice, Recipient, enqueue, enqueue_many
from marketplace.settlement.payouts import mark_batch_paid, run_payouts
from marketplace.settlement.postings import post_fulfillment_delivered, post_payment_confirmed
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.notifications import reminder_context
from tests.factories.settlement import PayoutAccountFactory, paid_order

pytestmark = pytest.mark.django_db


def inserts(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith("INSERT")]


def test_a_burst_of_notices_is_written_with_one_insert():
    groups = UppksGroupFactory.create_batch(3)
    context = reminder_context()
    notices = [
        Notice(
            "fulfillment_accept_reminder",
            about=group,
            recipients=[
                Recipient(Channel.EMAIL, f"ketua{n}@example.id"),
                Recipient(Channel.WHATSAPP, f"08123456780{n}"),
            ],
            context=context,
        )
        for n, group in enumerate(groups)
    ]

    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        created = enqueue_many(notices)

    assert len(inserts(queries)) == 1
    assert len(queries.captured_queries) == 1
    assert len(created) == 6 == OutboxMessage.objects.count()
    assert {row.pk for row in created} == set(OutboxMessage.objects.values_list("pk", flat=True))
    stored = OutboxMessage.objects.get(recipient="+6281234567801")
    assert (stored.channel, stored.event, stored.priority) == (
        Channel.WHATSAPP,
        "fulfillment_accept_reminder",
        Priority.BULK,
    )
    assert stored.context == context


def test_a_repeated_notice_in_the_insert_is_skipped_and_not_returned():
    group = UppksGroupFactory()
    ketua = Recipient(Channel.EMAIL, "ketua@example.id")
    (first,) = enqueue("fulfillment_routed", about=group, recipients=[ketua])
    bendahara = Recipient(Channel.EMAIL, "bendahara@example.id")

    with CaptureQueriesContext(connection) as queries:
        again = enqueue("fulfillment_routed", about=group, recipients=[ketua, bendahara])

    assert len(inserts(queries)) == 1
    assert [row.recipient for row in again] == ["bendahara@example.id"]
    assert OutboxMessage.objects.count() == 2
    assert OutboxMessage.objects.get(recipient="ketua@example.id").pk == first.pk
    assert first.priority == Priority.URGENT


def _paid_batch(groups: int, *, first: int):
    for n in range(first, first + groups):
        group = UppksGroupFactory()
        GroupMemberFactory(group=group, notify_whatsapp=False)
        GroupMemberFactory(group=group, notify_email=False, user__phone=f"+628127770{n:04d}")
        PayoutAccountFactory(group=group)
        order = paid_order({group: [100_000]}, shipping=0, percent="0")
        post_payment_confirmed(order)
        post_fulfillment_delivered(order.fulfillments.get())
    return run_payouts(minimum=1)


def _queries_to_mark_paid(groups: int, *, first: int = 0) -> tuple[int, int]:
    batch = _paid_batch(groups, first=first)
    before = OutboxMessage.objects.count()
    with CaptureQueriesContext(connection) as queries:
        mark_batch_paid(batch.pk, actor=None)
    return len(queries.captured_queries), OutboxMessage.objects.count() - before


def test_marking_a_payout_batch_paid_takes_the_same_queries_for_2_or_12_groups():
    small, small_notices = _queries_to_mark_paid(2)
    OutboxMessage.objects.all().delete()
    large, large_notices = _queries_to_mark_paid(12, first=100)

    assert (small_notices, large_notices) == (4, 24)  # an email and a WhatsApp per group
    assert small == large
    rows = OutboxMessage.objects.filter(event="payout_sent")
    assert set(rows.values_list("priority", flat=True)) == {Priority.BULK}
