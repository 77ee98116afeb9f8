"""The reset link reaches the account's owner and works, but the database keeps no usable token."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.urls import reverse

from marketplace.accounts.models import PasswordResetRequest
from marketplace.accounts.services import request_password_reset_by_email, set_password
from marketplace.notifications.delivery import deliver_message
from marketplace.notifications.models import OutboxMessage, OutboxStatus
from tests.factories.accounts import UserFactory
from tests.factories.curation import NationalAdminFactory
from tests.fixtures.services import free_port

pytestmark = pytest.mark.django_db

FORM_LINK = re.compile(r"https?://\S+?(/akun/sandi-baru/[\w-]+/([\w-]+)/)")
API_LINK = re.compile(r"http://127\.0\.0\.1:8000/reset\?\S+")
NEW_PASSWORD = "Kopi-Gayo-Baru-2026"


def _tables_holding(text: str) -> list[str]:
    """Every table with a row whose text (all its columns) contains ``text``."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {connection.ops.quote_name(table)} AS row "
                "WHERE strpos(row::text, %s) > 0)",
                [text],
            )
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def _ask_in_the_storefront(client, email: str) -> OutboxMessage:
    response = client.post(reverse("storefront:password_reset"), {"email": email})
    assert response.status_code == 302
    return OutboxMessage.objects.get(event="password_reset")


def test_the_emailed_link_sets_a_new_password(client, smtp_server):
    user = UserFactory(email="ketut@example.id")
    message = _ask_in_the_storefront(client, "ketut@example.id")

    assert deliver_message(message.pk).status == "sent"

    (mail,) = smtp_server.received()
    assert mail.rcpt_tos == ["ketut@example.id"]
    path = FORM_LINK.search(mail.text).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("storefront:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_emailed_api_link_carries_a_token_that_sets_the_password(smtp_server):
    user = UserFactory(email="made@example.id")
    request_password_reset_by_email(
        email="made@example.id", redirect_url="http://127.0.0.1:8000/reset"
    )

    assert deliver_message(OutboxMessage.objects.get().pk).status == "sent"

    (mail,) = smtp_server.received()
    query = parse_qs(urlsplit(API_LINK.search(mail.text).group(0)).query)
    set_password(email=query["email"][0], token=query["token"][0], password=NEW_PASSWORD)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_delivered_reset_notice_leaves_no_token_in_the_database(client, smtp_server):
    UserFactory(email="ketut@example.id", first_name="Ketut", last_name="Sudarsana")
    message = _ask_in_the_storefront(client, "ketut@example.id")

    deliver_message(message.pk)

    (mail,) = smtp_server.received()
    link = FORM_LINK.search(mail.text)
    message.refresh_from_db()
    assert (message.status, message.secret_context, message.secrets_erased) == (
        OutboxStatus.SENT,
        {},
        True,
    )
    assert message.context == {"name": "Ketut Sudarsana"}
    assert PasswordResetRequest.objects.count() == 1
    assert _tables_holding(link.group(2)) == []
    assert _tables_holding(link.group(1)) == []


def test_a_retry_after_an_smtp_failure_sends_a_working_link_and_keeps_none(
    client, settings, smtp_server
):
    user = UserFactory(email="ketut@example.id")
    message = _ask_in_the_storefront(client, "ketut@example.id")
    settings.EMAIL_PORT = free_port()
    assert deliver_message(message.pk).status == "retry"
    message.refresh_from_db()
    link = message.secret_context["reset_url"]
    assert link.startswith(f"{settings.SITE_URL}/akun/sandi-baru/")

    settings.EMAIL_PORT = smtp_server.port
    assert deliver_message(message.pk).status == "sent"

    (mail,) = smtp_server.received()
    emailed = FORM_LINK.search(mail.text)
    assert emailed.group(0) == link
    assert message.attempt_log.count() == 2
    assert _tables_holding(emailed.group(2)) == []
    form_page = client.get(emailed.group(1), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_outbox_admin_never_shows_the_link(client, smtp_server):
    UserFactory(email="ketut@example.id", first_name="Ketut", last_name="Sudarsana")
    message = _ask_in_the_storefront(client, "ketut@example.id")
    token = FORM_LINK.search(message.secret_context["reset_url"]).group(2)
    client.force_login(NationalAdminFactory(is_superuser=True))
    url = reverse("admin:notifications_outboxmessage_change", args=[message.pk])

    pending = client.get(url)
    deliver_message(message.pk)
    sent = client.get(url)

    assert (pending.status_code, sent.status_code) == (200, 200)
    for page in (pending.content.decode(), sent.content.decode()):
        assert "Ketut Sudarsana" in page
        assert token not in page
        assert "/akun/sandi-baru/" not in page
