import pytest
from django.db import transaction

from marketplace.notifications.models import Channel, OutboxMessage, OutboxStatus
from marketplace.notifications.outbox import Recipient, enqueue
from tests.factories.groups import UppksGroupFactory

pytestmark = pytest.mark.django_db


def test_one_row_per_recipient_and_channel(django_capture_on_commit_callbacks):
    group = UppksGroupFactory()
    recipients = [
        Recipient(Channel.EMAIL, "ketua@example.id", "en"),
        Recipient(Channel.WHATSAPP, "0812-3456-7801", "id"),
        Recipient(Channel.SMS, "+6281234567801", "id"),
    ]
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        created = enqueue("product_approved", about=group, recipients=recipients, context={})
    assert [(m.channel, m.recipient, m.language) for m in created] == [
        ("email", "ketua@example.id", "en"),
        ("whatsapp", "+6281234567801", "id"),
        ("sms", "+6281234567801", "id"),
    ]
    rows = OutboxMessage.objects.order_by("pk")
    assert [row.status for row in rows] == [OutboxStatus.PENDING] * 3
    assert rows[0].dedupe_key == (
        f"product_approved:groups.uppksgroup:{group.pk}:ketua@example.id:email"
    )
    assert {row.subject_type for row in rows} == {"groups.uppksgroup"}
    assert {row.subject_id for row in rows} == {str(group.pk)}
    assert len(callbacks) == 1  # one publish after commit for the whole batch


def test_the_same_notice_twice_is_written_once(django_capture_on_commit_callbacks):
    group = UppksGroupFactory()
    recipient = Recipient(Channel.EMAIL, "ketua@example.id")
    with django_capture_on_commit_callbacks() as callbacks:
        first = enqueue("product_approved", about=group, recipients=[recipient, recipient])
        second = enqueue("product_approved", about=group, recipients=[recipient])
    assert len(first) == 1
    assert second == []
    assert OutboxMessage.objects.count() == 1
    assert len(callbacks) == 1


def test_a_rolled_back_change_writes_and_sends_nothing(django_capture_on_commit_callbacks):
    group = UppksGroupFactory()
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue(
            "product_approved",
            about=group,
            recipients=[Recipient(Channel.EMAIL, "ketua@example.id")],
        )
        raise RuntimeError("the business change failed")
    assert OutboxMessage.objects.count() == 0
    assert callbacks == []


def test_a_bad_phone_number_is_skipped_not_raised(django_capture_on_commit_callbacks):
    group = UppksGroupFactory()
    with django_capture_on_commit_callbacks():
        created = enqueue(
            "product_approved",
            about=group,
            recipients=[
                Recipient(Channel.WHATSAPP, "12345"),
                Recipient(Channel.EMAIL, "ketua@example.id", "fr"),
            ],
        )
    assert [(m.channel, m.language) for m in created] == [("email", "id")]
    assert OutboxMessage.objects.count() == 1


def test_context_keeps_integers_and_lists(django_capture_on_commit_callbacks):
    group = UppksGroupFactory()
    context = {"lines": [{"quantity": 2, "total_price": 170_000}], "total": 170_000}
    with django_capture_on_commit_callbacks():
        enqueue(
            "product_approved",
            about=group,
            recipients=[Recipient(Channel.EMAIL, "ketua@example.id")],
            context=context,
        )
    assert OutboxMessage.objects.get().context == context
