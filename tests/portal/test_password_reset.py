from django.urls import reverse

from marketplace.accounts.models import PasswordResetRequest
from marketplace.notifications.models import OutboxMessage


def test_a_reset_link_is_queued_and_sets_a_new_password(
    client, member, django_capture_on_commit_callbacks
):
    response = client.post(reverse("portal:password_reset"), {"email": "ketua.a@example.id"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:password_reset_done")
    message = OutboxMessage.objects.get(event="password_reset")
    assert (message.recipient, message.channel) == ("ketua.a@example.id", "email")
    path = message.secret_context["reset_url"].split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(f"/{path}", follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url,
        {"new_password1": "Kopi-Gayo-2026!", "new_password2": "Kopi-Gayo-2026!"},
    )
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Kopi-Gayo-2026!")


def test_an_unknown_email_gets_the_same_page_and_no_notice(client, db):
    response = client.post(reverse("portal:password_reset"), {"email": "siapa@example.id"})
    assert response["Location"] == reverse("portal:password_reset_done")
    assert not OutboxMessage.objects.exists()
    assert not PasswordResetRequest.objects.exists()


def test_each_request_sends_its_own_link(client, member):
    for _ in range(2):
        client.post(reverse("portal:password_reset"), {"email": "ketua.a@example.id"})
    assert OutboxMessage.objects.filter(event="password_reset").count() == 2
