"""Reset requests made before the fix: the link leaves the request row and the notice's
``context`` (kept as a secret only while the notice is unsent), and the column is dropped."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from marketplace.accounts.models import PasswordResetRequest
from marketplace.notifications.models import OutboxStatus
from tests.factories.notifications import OutboxMessageFactory

pytestmark = pytest.mark.django_db

BEFORE_DROP = ("accounts", "0003_password_reset_links_out_of_storage")
migration = importlib.import_module(f"marketplace.accounts.migrations.{BEFORE_DROP[1]}")

TOKEN = "d4t5x2-0123456789abcdef0123456789abcdef"
LINK = f"https://pasar-uppks.id/akun/sandi-baru/MTI/{TOKEN}/"


def _old_reset_notice(**fields):
    return OutboxMessageFactory(
        event="password_reset",
        subject_type="accounts.passwordresetrequest",
        context={"reset_url": LINK, "name": "Made Wirawan"},
        **fields,
    )


def test_an_unsent_notice_keeps_its_link_as_a_secret():
    message = _old_reset_notice()

    migration.move_links_out_of_context(apps, None)

    message.refresh_from_db()
    assert message.context == {"name": "Made Wirawan"}
    assert (message.secret_context, message.secrets_erased) == ({"reset_url": LINK}, False)


def test_a_sent_or_failed_notice_loses_its_link_also_from_its_errors():
    sent = _old_reset_notice(status=OutboxStatus.SENT)
    failed = _old_reset_notice(
        status=OutboxStatus.FAILED, last_error=f"SMTP 554: b'rejected: {LINK}'"
    )
    attempt = failed.attempt_log.create(
        number=1, started_at=failed.created_at, error=failed.last_error
    )

    migration.move_links_out_of_context(apps, None)

    for message in (sent, failed):
        message.refresh_from_db()
        assert message.context == {"name": "Made Wirawan"}
        assert (message.secret_context, message.secrets_erased) == ({}, True)
    attempt.refresh_from_db()
    assert failed.last_error == "SMTP 554: b'rejected: […]'"
    assert attempt.error == failed.last_error


def test_other_notices_are_left_alone():
    reminder = OutboxMessageFactory(status=OutboxStatus.SENT)
    context = reminder.context
    invitation = OutboxMessageFactory(event="member_invitation", context={"accept_url": LINK})

    migration.move_links_out_of_context(apps, None)

    reminder.refresh_from_db()
    invitation.refresh_from_db()
    assert (reminder.context, reminder.secrets_erased) == (context, False)
    assert (invitation.context, invitation.secrets_erased) == ({"accept_url": LINK}, False)


def test_old_request_rows_lose_their_link_before_the_column_is_dropped():
    # given: the table as it was before 0004 (the test's transaction rolls the schema back)
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE_DROP])
    old_apps = executor.loader.project_state(BEFORE_DROP).apps
    OldRequest = old_apps.get_model("accounts", "PasswordResetRequest")
    user = old_apps.get_model("accounts", "User").objects.create(email="lama@example.id")
    old = OldRequest.objects.create(user_id=user.pk, reset_url=LINK)
    # when
    migration.blank_request_links(old_apps, None)
    # then
    assert list(OldRequest.objects.values_list("pk", "user_id", "reset_url")) == [
        (old.pk, user.pk, "")
    ]


def test_the_request_table_has_no_link_column():
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(
            cursor, PasswordResetRequest._meta.db_table
        )

    assert sorted(column.name for column in columns) == ["created_at", "id", "user_id"]
