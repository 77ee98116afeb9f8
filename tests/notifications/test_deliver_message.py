"""Delivering one outbox row in-process against a real SMTP server on loopback."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.notifications.delivery import deliver_message
from marketplace.notifications.models import OutboxStatus
from tests.factories.notifications import OutboxMessageFactory, reminder_context
from tests.fixtures.services import free_port

pytestmark = pytest.mark.django_db


def test_a_pending_notice_is_sent_once_with_a_stable_message_id(smtp_server):
    message = OutboxMessageFactory(recipient="ketua@example.id")

    first = deliver_message(message.pk)
    second = deliver_message(message.pk)

    assert (first.status, second.status) == ("sent", "skipped")
    (mail,) = smtp_server.received()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert mail.rcpt_tos == ["ketua@example.id"]
    assert mail.message_id == message.message_id_header
    assert mail.message["X-Idempotency-Key"] == message.idempotency_key
    assert mail.subject == "Pengingat: pesanan #100123 menunggu Anda terima"
    assert "3 × Sabun Propolis (100 g): Rp 75.000" in mail.text
    assert '<td align="right">Rp 75.000</td>' in mail.html
    assert list(message.attempt_log.values_list("number", "succeeded")) == [(1, True)]


def test_the_recipients_language_is_used(smtp_server):
    message = OutboxMessageFactory(language="en")

    deliver_message(message.pk)

    (mail,) = smtp_server.received()
    assert mail.subject == "Reminder: order #100123 is waiting for you to accept it"
    assert "Your lines:" in mail.text
    assert "Rp 75.000" in mail.text


def test_plain_text_is_not_html_escaped(smtp_server):
    message = OutboxMessageFactory(context=reminder_context(group_name="Kopi & Teh 'Sari'"))

    deliver_message(message.pk)

    (mail,) = smtp_server.received()
    assert "Halo Kopi & Teh 'Sari'," in mail.text
    assert "Kopi &amp; Teh &#x27;Sari&#x27;" in mail.html


def test_an_unreachable_smtp_server_leaves_the_notice_pending_with_a_backoff(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 40
    message = OutboxMessageFactory()
    before = timezone.now()

    result = deliver_message(message.pk)

    message.refresh_from_db()
    assert result.status == "retry"
    assert 20 <= result.retry_in <= 40
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert message.last_error.startswith("TransportError: SMTP: ConnectionRefusedError")
    assert before + timedelta(seconds=20) <= message.next_attempt_at
    assert message.next_attempt_at <= timezone.now() + timedelta(seconds=40)
    (attempt,) = message.attempt_log.all()
    assert (attempt.number, attempt.succeeded) == (1, False)


def test_the_last_allowed_attempt_fails_the_notice_for_good(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    message = OutboxMessageFactory(attempts=7, retry_limit=8)

    result = deliver_message(message.pk)

    message.refresh_from_db()
    assert (result.status, result.retry_in) == ("failed", None)
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 8)


def test_an_event_without_templates_fails_without_retrying(smtp_server):
    message = OutboxMessageFactory(event="no_such_event")

    result = deliver_message(message.pk)

    message.refresh_from_db()
    assert result.status == "failed"
    assert message.status == OutboxStatus.FAILED
    assert message.last_error.startswith("PermanentTransportError: no template for no_such_event")
    assert smtp_server.received() == []


@pytest.mark.parametrize("status", [OutboxStatus.SENT, OutboxStatus.SENDING, OutboxStatus.FAILED])
def test_a_notice_not_pending_is_never_sent(smtp_server, status):
    message = OutboxMessageFactory(status=status, attempts=1)

    assert deliver_message(message.pk).status == "skipped"

    message.refresh_from_db()
    assert (message.status, message.attempts) == (status, 1)
    assert smtp_server.received() == []
    assert message.attempt_log.count() == 0
