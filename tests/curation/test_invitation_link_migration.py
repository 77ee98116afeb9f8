"""Invitation notices queued before the fix: the link leaves ``context`` (kept only if unsent)."""

import importlib

import pytest
from django.apps import apps

from marketplace.notifications.models import OutboxStatus
from tests.factories.notifications import OutboxMessageFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "marketplace.curation.migrations.0002_invitation_links_out_of_outbox_context"
)

TOKEN = "Rahasia-Sekali-Pakai-0123456789abcdef"
LINK = f"https://pasar-uppks.id/admin/curation/join/{TOKEN}/"


def _old_invitation_notice(**fields):
    return OutboxMessageFactory(
        event="member_invitation",
        context={"group_name": "UPPKS Mawar", "accept_url": LINK, "expires_on": "8 Desember 2026"},
        **fields,
    )


def test_an_unsent_notice_keeps_its_link_as_a_secret():
    message = _old_invitation_notice()

    migration.move_links_out_of_context(apps, None)

    message.refresh_from_db()
    assert message.context == {"group_name": "UPPKS Mawar", "expires_on": "8 Desember 2026"}
    assert (message.secret_context, message.secrets_erased) == ({"accept_url": LINK}, False)


def test_a_sent_or_failed_notice_loses_its_link_also_from_its_errors():
    sent = _old_invitation_notice(status=OutboxStatus.SENT)
    failed = _old_invitation_notice(
        status=OutboxStatus.FAILED, last_error=f"TransportError: gateway answered HTTP 500: {LINK}"
    )
    attempt = failed.attempt_log.create(
        number=1, started_at=failed.created_at, error=failed.last_error
    )

    migration.move_links_out_of_context(apps, None)

    for message in (sent, failed):
        message.refresh_from_db()
        assert message.context == {"group_name": "UPPKS Mawar", "expires_on": "8 Desember 2026"}
        assert (message.secret_context, message.secrets_erased) == ({}, True)
    attempt.refresh_from_db()
    assert failed.last_error == "TransportError: gateway answered HTTP 500: […]"
    assert attempt.error == failed.last_error


def test_other_notices_are_left_alone():
    reminder = OutboxMessageFactory(status=OutboxStatus.SENT)
    context = reminder.context

    migration.move_links_out_of_context(apps, None)

    reminder.refresh_from_db()
    assert (reminder.context, reminder.secrets_erased) == (context, False)
