"""Staff see each notice's state, attempts and last error, and can send failed ones again."""

import pytest
from django.urls import reverse

from marketplace.notifications.models import OutboxMessage, OutboxStatus
from tests.factories.notifications import OutboxMessageFactory, national_admin, province_staff

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:notifications_outboxmessage_changelist"


def _superuser(client):
    admin = national_admin(is_superuser=True)
    client.force_login(admin)
    return admin


def test_the_list_shows_state_attempts_and_last_error(client):
    _superuser(client)
    OutboxMessageFactory(
        status=OutboxStatus.FAILED, attempts=8, last_error="TransportError: SMTP 451 coba lagi"
    )

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    page = response.content.decode()
    assert "TransportError: SMTP 451 coba lagi" in page
    assert "Gagal" in page


def test_a_notice_cannot_be_edited(client):
    _superuser(client)
    message = OutboxMessageFactory(recipient="ketua@example.id")
    url = reverse("admin:notifications_outboxmessage_change", args=[message.pk])

    response = client.post(url, {"recipient": "lain@example.id", "status": "sent"})

    message.refresh_from_db()
    assert response.status_code in (200, 302, 403)
    assert (message.recipient, message.status) == ("ketua@example.id", OutboxStatus.PENDING)


def test_retrying_failed_notices_makes_only_those_due_again(
    client, django_capture_on_commit_callbacks
):
    _superuser(client)
    failed = OutboxMessageFactory(status=OutboxStatus.FAILED, attempts=8, retry_limit=8)
    sent = OutboxMessageFactory(status=OutboxStatus.SENT, attempts=1)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse(CHANGELIST),
            {"action": "retry_failed", "_selected_action": [failed.pk, sent.pk]},
        )

    assert response.status_code == 302
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts, failed.retry_limit) == (OutboxStatus.PENDING, 8, 16)
    assert sent.status == OutboxStatus.SENT
    assert len(callbacks) == 1


def test_province_staff_do_not_see_the_outbox(client):
    client.force_login(province_staff())
    OutboxMessageFactory()

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == 403
    assert OutboxMessage.objects.count() == 1


def test_the_change_page_never_shows_a_notice_secret(client):
    _superuser(client)
    token = "Rahasia-Sekali-Pakai-0123456789abcdef"
    message = OutboxMessageFactory(
        event="member_invitation",
        context={"group_name": "UPPKS Mawar", "expires_on": "8 Desember 2026"},
        secret_context={"accept_url": f"https://pasar-uppks.id/admin/curation/join/{token}/"},
    )

    response = client.get(reverse("admin:notifications_outboxmessage_change", args=[message.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "UPPKS Mawar" in page
    assert token not in page
    assert "/admin/curation/join/" not in page


def test_a_failed_notice_whose_secret_was_erased_is_not_retried(client):
    _superuser(client)
    erased = OutboxMessageFactory(status=OutboxStatus.FAILED, attempts=8, secrets_erased=True)

    response = client.post(
        reverse(CHANGELIST),
        {"action": "retry_failed", "_selected_action": [erased.pk]},
        follow=True,
    )

    erased.refresh_from_db()
    assert erased.status == OutboxStatus.FAILED
    assert [str(message) for message in response.context["messages"]] == [
        "0 pemberitahuan gagal akan dikirim ulang.",
        "1 pemberitahuan gagal memuat tautan sekali pakai yang sudah dihapus, jadi tidak dapat "
        "dikirim ulang; buat yang baru (misalnya undangan baru).",
    ]
