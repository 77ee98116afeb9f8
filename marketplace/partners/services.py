"""Partner accounts: registration, staff invitation and approval, users and roles, credit limit.

Every function validates first and writes in one transaction; staff decisions are audited with
the partner's province so province staff see them in their log.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import record
from marketplace.curation.scoping import ALL_PROVINCES, can_edit, staff_scope
from marketplace.groups.models import Partner, PartnerKind
from marketplace.regions.models import District

from .errors import PartnerError, PartnerErrorCode
from .models import (
    AccountSource,
    AccountStatus,
    PartnerAccount,
    PartnerContact,
    PartnerRole,
    PartnerUser,
)

NPWP_DIGITS = (15, 16)


@dataclass
class ContactData:
    name: str
    position: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class PartnerData:
    name: str
    kind: str
    district_code: str
    address: str
    npwp: str = ""
    phone: str = ""
    email: str = ""
    category_ids: Sequence[int] = ()
    contacts: Sequence[ContactData] = field(default_factory=list)


def normalise_npwp(value: str) -> str:
    """``01.234.567.8-901.000`` → ``012345678901000``; empty stays empty; else a PartnerError."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if not digits:
        return ""
    if not digits.isdigit() or len(digits) not in NPWP_DIGITS:
        raise PartnerError(
            PartnerErrorCode.INVALID, _("The NPWP must have 15 or 16 digits."), field="npwp"
        )
    return digits


def _validated(data: PartnerData) -> tuple[str, District, str]:
    name = (data.name or "").strip()
    if not name:
        raise PartnerError(PartnerErrorCode.INVALID, _("Enter the partner's name."), field="name")
    if data.kind not in PartnerKind.values:
        raise PartnerError(PartnerErrorCode.INVALID, _("Choose the kind of partner."), field="kind")
    if not (data.address or "").strip():
        raise PartnerError(PartnerErrorCode.INVALID, _("Enter the address."), field="address")
    district = District.objects.select_related("regency").filter(code=data.district_code).first()
    if district is None:
        raise PartnerError(
            PartnerErrorCode.INVALID, _("Choose the district (kecamatan)."), field="district"
        )
    npwp = normalise_npwp(data.npwp)
    if Partner.objects.filter(name__iexact=name).exists():
        raise PartnerError(
            PartnerErrorCode.NAME_TAKEN,
            _("A partner named %(name)s is already registered.") % {"name": name},
            field="name",
        )
    return name[:200], district, npwp


def _create(data: PartnerData, *, status: str, source: str, decided_by=None) -> PartnerAccount:
    name, district, npwp = _validated(data)
    partner = Partner.objects.create(
        name=name,
        kind=data.kind,
        regency=district.regency,
        contact_name=data.contacts[0].name if data.contacts else "",
        phone=data.phone,
        email=data.email,
    )
    account = PartnerAccount.objects.create(
        partner=partner,
        status=status,
        source=source,
        npwp=npwp,
        district=district,
        address=data.address.strip(),
        decided_by=decided_by,
        decided_at=timezone.now() if decided_by else None,
    )
    if data.category_ids:
        account.looking_for.set(data.category_ids)
    PartnerContact.objects.bulk_create(
        [
            PartnerContact(
                account=account, name=c.name, position=c.position, phone=c.phone, email=c.email
            )
            for c in data.contacts
            if c.name.strip()
        ]
    )
    return account


def _ensure_free(user) -> None:
    if PartnerUser.objects.filter(user=user).exists():
        raise PartnerError(
            PartnerErrorCode.ALREADY_PARTNER_USER,
            _("%(email)s already acts for a partner.") % {"email": user.email},
            field="email",
        )


def register_partner(user, data: PartnerData) -> PartnerAccount:
    """A signed-in user registers their organisation on the storefront; staff approve it later."""
    _ensure_free(user)
    with transaction.atomic():
        account = _create(data, status=AccountStatus.PENDING, source=AccountSource.STOREFRONT)
        PartnerUser.objects.create(account=account, user=user, role=PartnerRole.ADMIN)
        record(user, account, "partner_registered", province_code=account.province_code)
    return account


def _require_staff_for(staff, province_code: str) -> None:
    scope = staff_scope(staff)
    if not can_edit(staff) or (scope is not ALL_PROVINCES and scope != province_code):
        raise PartnerError(
            PartnerErrorCode.NOT_ALLOWED,
            _("You may only decide on partners in your own province."),
        )


def invite_partner(staff, data: PartnerData, *, email: str) -> PartnerAccount:
    """Staff enter a partner (approved at once) and the email of the user who will act for it.

    The user is created without a password if new: they set one through "forgot password".
    """
    district = District.objects.select_related("regency").filter(code=data.district_code).first()
    if district is not None:
        _require_staff_for(staff, district.regency.province_id)
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise PartnerError(PartnerErrorCode.INVALID, _("Enter a valid email."), field="email")
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is not None:
        _ensure_free(user)
    with transaction.atomic():
        account = _create(
            data, status=AccountStatus.APPROVED, source=AccountSource.STAFF, decided_by=staff
        )
        if user is None:
            user = user_model(email=email)
            user.set_unusable_password()
            user.save()
        PartnerUser.objects.create(account=account, user=user, role=PartnerRole.ADMIN)
        record(
            staff,
            account,
            "partner_invited",
            {"email": [None, email]},
            province_code=account.province_code,
        )
    return account


def approve_partner(staff, account: PartnerAccount, *, credit_limit: int | None = None):
    _require_staff_for(staff, account.province_code)
    if account.status != AccountStatus.PENDING:
        raise PartnerError(
            PartnerErrorCode.NOT_PENDING, _("This partner is not waiting for approval.")
        )
    with transaction.atomic():
        changes = {"status": [account.status, AccountStatus.APPROVED]}
        account.status = AccountStatus.APPROVED
        if credit_limit is not None:
            changes["credit_limit"] = [account.credit_limit, credit_limit]
            account.credit_limit = credit_limit
        account.decided_by = staff
        account.decided_at = timezone.now()
        account.save(update_fields=["status", "credit_limit", "decided_by", "decided_at"])
        record(staff, account, "partner_approved", changes, province_code=account.province_code)
    return account


def reject_partner(staff, account: PartnerAccount, *, reason: str):
    _require_staff_for(staff, account.province_code)
    if account.status != AccountStatus.PENDING:
        raise PartnerError(
            PartnerErrorCode.NOT_PENDING, _("This partner is not waiting for approval.")
        )
    if not (reason or "").strip():
        raise PartnerError(PartnerErrorCode.INVALID, _("Give a reason."), field="reason")
    with transaction.atomic():
        changes = {"status": [account.status, AccountStatus.REJECTED]}
        account.status = AccountStatus.REJECTED
        account.rejection_reason = reason.strip()
        account.decided_by = staff
        account.decided_at = timezone.now()
        account.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
        record(staff, account, "partner_rejected", changes, province_code=account.province_code)
    return account


def set_credit_limit(staff, account: PartnerAccount, amount: int) -> PartnerAccount:
    _require_staff_for(staff, account.province_code)
    if amount < 0:
        raise PartnerError(
            PartnerErrorCode.INVALID,
            _("The credit limit cannot be negative."),
            field="credit_limit",
        )
    with transaction.atomic():
        changes = {"credit_limit": [account.credit_limit, amount]}
        account.credit_limit = amount
        account.save(update_fields=["credit_limit"])
        record(staff, account, "partner_credit_limit", changes, province_code=account.province_code)
    return account


def add_partner_user(actor, account: PartnerAccount, *, email: str, role: str) -> PartnerUser:
    """The partner's administrator adds a colleague as buyer or finance."""
    membership = PartnerUser.objects.filter(user=actor, account=account).first()
    if membership is None or membership.role != PartnerRole.ADMIN:
        raise PartnerError(
            PartnerErrorCode.NOT_ALLOWED, _("Only the partner's administrator may add users.")
        )
    if role not in PartnerRole.values:
        raise PartnerError(PartnerErrorCode.INVALID, _("Choose a role."), field="role")
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise PartnerError(PartnerErrorCode.INVALID, _("Enter a valid email."), field="email")
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is not None:
        _ensure_free(user)
    with transaction.atomic():
        if user is None:
            user = user_model(email=email)
            user.set_unusable_password()
            user.save()
        member = PartnerUser.objects.create(account=account, user=user, role=role)
        record(
            actor,
            account,
            "partner_user_added",
            {"user": [None, f"{email} ({role})"]},
            province_code=account.province_code,
        )
    return member


def partner_membership(user) -> PartnerUser | None:
    """The user's membership of an approved partner, or None (consumers, pending partners)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        PartnerUser.objects.select_related("account__partner")
        .filter(user=user, account__status=AccountStatus.APPROVED)
        .first()
    )
