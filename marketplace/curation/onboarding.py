"""Onboarding groups: invite members by a one-time link, deactivate and reactivate groups.

The invitation link carries a random token; only its SHA-256 is stored, so a database leak does
not leak usable links. The link itself travels to the notice as an outbox *secret*: never shown
in the admin and erased in the same UPDATE that marks the notice sent (or failed for good).
Accepting it once creates (or links) the account and the GroupMember.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.core import audit
from marketplace.core.phones import normalize_phone
from marketplace.groups.models import GroupMember, MemberRole, UppksGroup
from marketplace.notifications.models import Channel
from marketplace.notifications.outbox import Recipient, enqueue

from .errors import CurationError, CurationErrorCode
from .models import MemberInvitation, hash_token
from .scoping import can_edit, province_in_scope

PLACEHOLDER_EMAIL_DOMAIN = "anggota.pasar-uppks.invalid"


def invite_member(
    group_id: int,
    *,
    actor: User,
    email: str = "",
    phone: str = "",
    name: str = "",
    role: str = MemberRole.ANGGOTA,
    channel: str = "",
) -> tuple[MemberInvitation, str]:
    """Send a one-time join link by email, WhatsApp or SMS; returns the invitation and token."""
    email = (email or "").strip().lower()
    phone = _normalized_phone(phone)
    channel = channel or (Channel.EMAIL if email else Channel.WHATSAPP)
    address = email if channel == Channel.EMAIL else phone
    if channel not in Channel.values or not address:
        raise CurationError(
            CurationErrorCode.CONTACT_REQUIRED,
            _("Give an email address for email, or a phone number for WhatsApp or SMS."),
            field="email" if channel == Channel.EMAIL else "phone",
        )
    token = secrets.token_urlsafe(32)
    days = settings.MEMBER_INVITATION_DAYS
    with transaction.atomic():
        group = _locked_group(group_id, actor)
        invitation = MemberInvitation.objects.create(
            group=group,
            name=name.strip(),
            email=email,
            phone=phone,
            channel=channel,
            role=role,
            token_hash=hash_token(token),
            expires_at=timezone.now() + timedelta(days=days),
            invited_by=actor,
        )
        accept_url = settings.SITE_URL + reverse("curation:accept_invitation", args=[token])
        enqueue(
            "member_invitation",
            about=invitation,
            recipients=[Recipient(channel, address, "id")],
            context={
                "group_name": group.name,
                "expires_on": formats.date_format(invitation.expires_at, "j F Y"),
            },
            secrets={"accept_url": accept_url},
        )
        audit.record(
            actor,
            group,
            "member_invited",
            {"invitation": [None, address], "role": [None, role]},
            province_code=group.regency.province_id,
        )
    return invitation, token


def find_invitation(token: str) -> MemberInvitation | None:
    """The usable invitation for a link's token, or None (unknown, used or expired)."""
    invitation = (
        MemberInvitation.objects.select_related("group")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    return invitation if invitation and invitation.is_usable() else None


def accept_invitation(
    token: str, *, password: str, first_name: str = "", last_name: str = ""
) -> GroupMember:
    """Use the link once: create the account with its password (or link an existing one)."""
    with transaction.atomic():
        invitation = (
            MemberInvitation.objects.select_for_update(of=("self",))
            .select_related("group__regency")
            .filter(token_hash=hash_token(token or ""))
            .first()
        )
        if invitation is None or invitation.accepted_at is not None:
            raise CurationError(
                CurationErrorCode.INVITATION_INVALID, _("This invitation link is not valid.")
            )
        if not invitation.is_usable():
            raise CurationError(
                CurationErrorCode.INVITATION_EXPIRED, _("This invitation link has expired.")
            )
        user = _existing_user(invitation)
        if user is None:
            user = _new_user(invitation, password, first_name, last_name)
        if GroupMember.objects.filter(group=invitation.group, user=user).exists():
            raise CurationError(
                CurationErrorCode.ALREADY_MEMBER, _("This account is already a member.")
            )
        member = GroupMember.objects.create(
            group=invitation.group,
            user=user,
            role=invitation.role,
            notify_email=bool(invitation.email),
            notify_whatsapp=bool(invitation.phone),
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
        audit.record(
            user,
            member,
            "member_joined",
            {"role": [None, member.role]},
            province_code=invitation.group.regency.province_id,
        )
    return member


def deactivate_group(group_id: int, *, actor: User) -> UppksGroup:
    """Take a group off the marketplace; its orders, products, stock and ledger are kept."""
    return _set_group_active(group_id, actor=actor, active=False)


def reactivate_group(group_id: int, *, actor: User) -> UppksGroup:
    return _set_group_active(group_id, actor=actor, active=True)


def _set_group_active(group_id: int, *, actor: User, active: bool) -> UppksGroup:
    with transaction.atomic():
        group = _locked_group(group_id, actor)
        if group.is_active != active:
            group.is_active = active
            group.save(update_fields=["is_active", "updated_at"])
            audit.record(
                actor,
                group,
                "group_reactivated" if active else "group_deactivated",
                {"is_active": [not active, active]},
                province_code=group.regency.province_id,
            )
    return group


def _locked_group(group_id: int, actor) -> UppksGroup:
    group = (
        UppksGroup.objects.select_for_update(of=("self",))
        .select_related("regency")
        .get(pk=group_id)
    )
    if not (can_edit(actor) and province_in_scope(actor, group.regency.province_id)):
        raise CurationError(
            CurationErrorCode.NOT_ALLOWED, _("You may not manage this group."), field="group"
        )
    return group


def _normalized_phone(phone: str) -> str:
    if not (phone or "").strip():
        return ""
    try:
        return normalize_phone(phone)
    except ValidationError as err:
        raise CurationError(CurationErrorCode.INVALID_VALUE, err.messages[0], field="phone")


def _existing_user(invitation: MemberInvitation) -> User | None:
    if invitation.email:
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user:
            return user
    if invitation.phone:
        return User.objects.filter(phone=invitation.phone).first()
    return None


def _new_user(invitation: MemberInvitation, password: str, first: str, last: str) -> User:
    email = invitation.email or f"{invitation.phone.lstrip('+')}@{PLACEHOLDER_EMAIL_DOMAIN}"
    user = User(
        email=email,
        phone=invitation.phone or None,
        first_name=(first or invitation.name).strip()[:150],
        last_name=last.strip()[:150],
    )
    try:
        validate_password(password, user)
    except ValidationError as err:
        raise CurationError(
            CurationErrorCode.INVALID_VALUE, " ".join(err.messages), field="password"
        )
    user.set_password(password)
    user.save()
    return user
