"""A notice's one-time secrets: rendered, kept for every retry, erased once sent or failed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.notifications.delivery import deliver_message, reset_stuck_messages
from marketplace.notifications.dispatch import retry_failed_messages
from marketplace.notifications.models import OutboxMessage, OutboxStatus
from marketplace.notifications.outbox import Recipient, enqueue
from tests.factories.groups import UppksGroupFactory
from tests.factories.notifications import OutboxMessageFactory, stored_outbox
from tests.fixtures.services import free_port

pytestmark = pytest.mark.django_db

TOKEN = "Rahasia-Sekali-Pakai-0123456789abcdef"
LINK = f"https://pasar-uppks.id/admin/curation/join/{TOKEN}/"
CONTEXT = {"group_name": "UPPKS Mawar", "expires_on": "8 Desember 2026"}


def _invitation_notice(*, channel="email", address="wayan@example.id") -> OutboxMessage:
    (message,) = enqueue(
        "member_invitation",
        about=UppksGroupFactory(),
        recipients=[Recipient(channel, address)],
        context=CONTEXT,
        secrets={"accept_url": LINK},
    )
    return message


def test_the_secret_is_kept_apart_from_the_context():
    message = _invitation_notice()

    message.refresh_from_db()
    assert message.context == CONTEXT
    assert message.secret_context == {"accept_url": LINK}
    assert message.secrets_erased is False


def test_a_sent_notice_carries_the_secret_and_keeps_none(smtp_server):
    message = _invitation_notice()

    assert deliver_message(message.pk).status == "sent"

    (mail,) = smtp_server.received()
    assert LINK in mail.text
    message.refresh_from_db()
    assert (message.status, message.secret_context, message.secrets_erased) == (
        OutboxStatus.SENT,
        {},
        True,
    )
    assert message.context == CONTEXT
    assert TOKEN not in stored_outbox()


def test_a_transport_failure_keeps_the_secret_for_the_retry(settings, smtp_server):
    message = _invitation_notice()
    settings.EMAIL_PORT = free_port()

    first = deliver_message(message.pk)

    message.refresh_from_db()
    assert (first.status, message.status) == ("retry", OutboxStatus.PENDING)
    assert message.secret_context == {"accept_url": LINK}

    settings.EMAIL_PORT = smtp_server.port
    second = deliver_message(message.pk)

    (mail,) = smtp_server.received()
    assert second.status == "sent"
    assert LINK in mail.text
    message.refresh_from_db()
    assert (message.attempts, message.secret_context, message.secrets_erased) == (2, {}, True)
    assert TOKEN not in stored_outbox()


def test_a_refused_notice_has_its_secret_erased_and_the_echo_hidden(webhook_gateway):
    webhook_gateway.echo_text = True
    webhook_gateway.script = [400]
    message = _invitation_notice(channel="whatsapp", address="+6281234567801")

    result = deliver_message(message.pk)

    (request,) = webhook_gateway.received()
    assert LINK in request.json()["text"]
    message.refresh_from_db()
    assert result.status == "failed"
    assert (message.status, message.secret_context, message.secrets_erased) == (
        OutboxStatus.FAILED,
        {},
        True,
    )
    assert message.last_error.startswith("PermanentTransportError: gateway refused with HTTP 400")
    assert "[…]" in message.last_error
    assert message.attempt_log.get().error == message.last_error
    assert TOKEN not in stored_outbox()


def test_the_last_allowed_attempt_erases_the_secret(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    message = _invitation_notice()
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=7, retry_limit=8)

    assert deliver_message(message.pk).status == "failed"

    message.refresh_from_db()
    assert (message.status, message.secret_context, message.secrets_erased) == (
        OutboxStatus.FAILED,
        {},
        True,
    )


def test_a_send_lost_by_a_dead_worker_is_retried_with_the_same_secret(settings, smtp_server):
    settings.NOTIFICATION_STUCK_AFTER_MINUTES = 5
    now = timezone.now()
    message = _invitation_notice()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENDING, attempts=1, claimed_at=now - timedelta(minutes=6)
    )

    assert reset_stuck_messages(now=now) == [message.pk]
    assert deliver_message(message.pk).status == "sent"

    (mail,) = smtp_server.received()
    assert LINK in mail.text
    message.refresh_from_db()
    assert (message.attempts, message.secret_context) == (2, {})


def test_a_send_lost_on_the_last_attempt_erases_the_secret(settings):
    settings.NOTIFICATION_STUCK_AFTER_MINUTES = 5
    now = timezone.now()
    message = _invitation_notice()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENDING, attempts=8, retry_limit=8, claimed_at=now - timedelta(hours=1)
    )

    assert reset_stuck_messages(now=now) == []

    message.refresh_from_db()
    assert (message.status, message.secret_context, message.secrets_erased) == (
        OutboxStatus.FAILED,
        {},
        True,
    )


def test_a_failed_notice_whose_secret_was_erased_is_not_sent_again():
    erased = OutboxMessageFactory(status=OutboxStatus.FAILED, attempts=8, secrets_erased=True)
    plain = OutboxMessageFactory(status=OutboxStatus.FAILED, attempts=8)

    assert retry_failed_messages([erased.pk, plain.pk]) == [plain.pk]

    erased.refresh_from_db()
    assert (erased.status, erased.retry_limit) == (OutboxStatus.FAILED, 8)


def test_a_notice_whose_secret_was_erased_is_never_sent_without_it(smtp_server):
    message = OutboxMessageFactory(secrets_erased=True)

    assert deliver_message(message.pk).status == "failed"

    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.last_error == (
        "PermanentTransportError: its one-time secrets were erased; it cannot be sent again"
    )
    assert smtp_server.received() == []


def test_a_notice_without_secrets_is_not_marked_erased(smtp_server):
    message = OutboxMessageFactory()

    assert deliver_message(message.pk).status == "sent"

    message.refresh_from_db()
    assert (message.status, message.secret_context, message.secrets_erased) == (
        OutboxStatus.SENT,
        {},
        False,
    )
