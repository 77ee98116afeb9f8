"""The invitation link reaches the invitee and works, but the outbox keeps no usable token."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from marketplace.curation.models import MemberInvitation, hash_token
from marketplace.curation.onboarding import invite_member
from marketplace.groups.models import GroupMember
from marketplace.notifications.delivery import deliver_message
from marketplace.notifications.models import OutboxMessage, OutboxStatus
from tests.factories.curation import NationalAdminFactory
from tests.factories.notifications import stored_outbox
from tests.fixtures.services import free_port

pytestmark = pytest.mark.django_db

JOIN_LINK = re.compile(r"https?://\S+?/admin/curation/join/([\w-]+)/")
NEW_MEMBER = {
    "first_name": "Wayan",
    "password": "Kelompok-Mawar-2026",
    "password_again": "Kelompok-Mawar-2026",
}


def _invite(group, curator) -> tuple[MemberInvitation, str, OutboxMessage]:
    invitation, token = invite_member(group.pk, actor=curator, email="wayan@example.id")
    return invitation, token, OutboxMessage.objects.get(event="member_invitation")


def test_the_emailed_link_accepts_the_invitation(client, smtp_server, group, bali_curator):
    invitation, token, message = _invite(group, bali_curator)

    assert deliver_message(message.pk).status == "sent"

    (mail,) = smtp_server.received()
    link = JOIN_LINK.search(mail.text)
    assert link.group(1) == token
    assert hash_token(link.group(1)) == invitation.token_hash
    response = client.post(urlsplit(link.group(0)).path, NEW_MEMBER)
    assert response.status_code == 200
    member = GroupMember.objects.get(group=group)
    assert member.user.email == "wayan@example.id"


def test_a_delivered_invitation_leaves_no_token_in_the_outbox(smtp_server, group, bali_curator):
    invitation, token, message = _invite(group, bali_curator)

    deliver_message(message.pk)

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.secret_context == {}
    assert message.secrets_erased is True
    assert sorted(message.context) == ["expires_on", "group_name"]
    assert token not in stored_outbox()
    assert invitation.token_hash not in stored_outbox()


def test_the_outbox_admin_never_shows_the_token(client, smtp_server, group, bali_curator):
    _invitation, token, message = _invite(group, bali_curator)
    client.force_login(NationalAdminFactory(is_superuser=True))
    url = reverse("admin:notifications_outboxmessage_change", args=[message.pk])

    pending = client.get(url)
    deliver_message(message.pk)
    sent = client.get(url)

    assert (pending.status_code, sent.status_code) == (200, 200)
    for page in (pending.content.decode(), sent.content.decode()):
        assert group.name in page
        assert token not in page


def test_a_retry_after_an_smtp_failure_sends_a_working_link(
    client, settings, smtp_server, group, bali_curator
):
    invitation, token, message = _invite(group, bali_curator)
    settings.EMAIL_PORT = free_port()
    assert deliver_message(message.pk).status == "retry"
    message.refresh_from_db()
    assert message.secret_context == {
        "accept_url": f"{settings.SITE_URL}/admin/curation/join/{token}/"
    }
    assert token not in message.last_error

    settings.EMAIL_PORT = smtp_server.port
    assert deliver_message(message.pk).status == "sent"

    (mail,) = smtp_server.received()
    link = JOIN_LINK.search(mail.text)
    assert hash_token(link.group(1)) == invitation.token_hash
    assert token not in stored_outbox()
    assert client.post(urlsplit(link.group(0)).path, NEW_MEMBER).status_code == 200
    assert GroupMember.objects.filter(group=group, user__email="wayan@example.id").count() == 1
