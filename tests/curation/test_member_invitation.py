"""Inviting a member by a one-time link, by email or WhatsApp, and accepting it once."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils import formats, timezone

from marketplace.curation.errors import CurationError, CurationErrorCode
from marketplace.curation.models import MemberInvitation, hash_token
from marketplace.curation.onboarding import accept_invitation, invite_member
from marketplace.groups.models import GroupMember
from marketplace.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_email_invitation_stores_only_the_token_hash(group, bali_curator):
    invitation, token = invite_member(
        group.pk, actor=bali_curator, email="Wayan@Example.id", name="Wayan", role="bendahara"
    )

    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    message = OutboxMessage.objects.get(event="member_invitation")
    assert (message.channel, message.recipient) == ("email", "wayan@example.id")
    assert message.secret_context == {
        "accept_url": f"{settings.SITE_URL}/admin/curation/join/{token}/"
    }
    assert message.context == {
        "group_name": group.name,
        "expires_on": formats.date_format(invitation.expires_at, "j F Y"),
    }
    assert message.secrets_erased is False


def test_whatsapp_invitation_normalizes_the_phone(group, bali_curator):
    invitation, _token = invite_member(
        group.pk, actor=bali_curator, phone="0812-3456-7801", channel="whatsapp"
    )

    assert invitation.phone == "+6281234567801"
    message = OutboxMessage.objects.get(event="member_invitation")
    assert (message.channel, message.recipient) == ("whatsapp", "+6281234567801")


def test_invitation_without_contact_is_refused(group, bali_curator):
    with pytest.raises(CurationError) as err:
        invite_member(group.pk, actor=bali_curator, channel="sms")

    assert err.value.code == CurationErrorCode.CONTACT_REQUIRED
    assert MemberInvitation.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_curator_of_another_province_cannot_invite(aceh_group, bali_curator):
    with pytest.raises(CurationError) as err:
        invite_member(aceh_group.pk, actor=bali_curator, email="a@example.id")

    assert err.value.code == CurationErrorCode.NOT_ALLOWED
    assert MemberInvitation.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_accepting_creates_the_account_and_membership(group, bali_curator):
    _invitation, token = invite_member(
        group.pk, actor=bali_curator, email="wayan@example.id", role="bendahara"
    )

    member = accept_invitation(token, password="Kelompok-Mawar-2026", first_name="Wayan")

    assert member.group == group
    assert member.role == "bendahara"
    assert member.user.email == "wayan@example.id"
    assert authenticate(username="wayan@example.id", password="Kelompok-Mawar-2026") == member.user
    assert MemberInvitation.objects.get().accepted_user == member.user


def test_phone_invitation_lets_the_member_log_in_by_phone(group, bali_curator):
    _invitation, token = invite_member(group.pk, actor=bali_curator, phone="081234567801")

    member = accept_invitation(token, password="Kelompok-Mawar-2026", first_name="Komang")

    assert str(member.user.phone) == "+6281234567801"
    assert authenticate(username="0812 3456 7801", password="Kelompok-Mawar-2026") == member.user


def test_link_works_only_once(group, bali_curator):
    _invitation, token = invite_member(group.pk, actor=bali_curator, email="w@example.id")
    accept_invitation(token, password="Kelompok-Mawar-2026")

    with pytest.raises(CurationError) as err:
        accept_invitation(token, password="Lain-Lagi-2026")

    assert err.value.code == CurationErrorCode.INVITATION_INVALID
    assert GroupMember.objects.count() == 1


def test_expired_link_is_refused(group, bali_curator):
    invitation, token = invite_member(group.pk, actor=bali_curator, email="w@example.id")
    MemberInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(CurationError) as err:
        accept_invitation(token, password="Kelompok-Mawar-2026")

    assert err.value.code == CurationErrorCode.INVITATION_EXPIRED
    assert GroupMember.objects.count() == 0


def test_weak_password_is_refused(group, bali_curator):
    _invitation, token = invite_member(group.pk, actor=bali_curator, email="w@example.id")

    with pytest.raises(CurationError) as err:
        accept_invitation(token, password="123")

    assert err.value.code == CurationErrorCode.INVALID_VALUE
    assert err.value.field == "password"
    assert GroupMember.objects.count() == 0
    assert MemberInvitation.objects.get().accepted_at is None


def test_existing_account_is_linked_without_changing_its_password(group, bali_curator):
    existing = UserFactory(email="ada@example.id")
    _invitation, token = invite_member(group.pk, actor=bali_curator, email="ada@example.id")

    member = accept_invitation(token, password="Apa-Saja-Diabaikan-1")

    assert member.user == existing
    existing.refresh_from_db()
    assert existing.check_password("rahasia-123")


def test_join_page_accepts_the_invitation(client, group, bali_curator):
    _invitation, token = invite_member(group.pk, actor=bali_curator, email="w@example.id")
    url = reverse("curation:accept_invitation", args=[token])

    page = client.get(url)
    done = client.post(
        url,
        {
            "first_name": "Wayan",
            "password": "Kelompok-Mawar-2026",
            "password_again": "Kelompok-Mawar-2026",
        },
    )
    again = client.get(url)

    assert page.status_code == 200
    assert done.status_code == 200
    assert GroupMember.objects.filter(group=group, user__email="w@example.id").count() == 1
    assert again.status_code == 404


def test_invite_page_sends_the_invitation(client, group, bali_curator):
    client.force_login(bali_curator)

    response = client.post(
        reverse("curation:invite", args=[group.pk]),
        {"name": "Made", "email": "made@example.id", "channel": "email", "role": "anggota"},
    )

    assert response.status_code == 302
    assert MemberInvitation.objects.get().email == "made@example.id"
    assert OutboxMessage.objects.filter(event="member_invitation").count() == 1
