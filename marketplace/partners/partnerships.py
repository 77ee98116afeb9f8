"""Partnerships the marketplace creates and keeps: agreements, and activity over 12 months.

A partnership is active while the pair traded (a PO shipment) in the last 12 months or an
agreement covers today. Partnerships entered by hand before the marketplace (no trade, no
agreement) keep the state staff gave them.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import record
from marketplace.curation.scoping import ALL_PROVINCES, can_edit, staff_scope
from marketplace.groups.models import Partnership

from .errors import PartnerError, PartnerErrorCode
from .models import PartnershipAgreement, PurchaseOrderShipment

TRADE_WINDOW_DAYS = 365


def enter_agreement(
    staff,
    *,
    partner_id: int,
    group_id: int,
    starts_on: date,
    ends_on: date,
    volume: str,
    price: str = "",
) -> PartnershipAgreement:
    from marketplace.groups.models import UppksGroup

    group = UppksGroup.objects.select_related("regency").filter(pk=group_id).first()
    if group is None:
        raise PartnerError(PartnerErrorCode.INVALID, _("The group does not exist."))
    scope = staff_scope(staff)
    if not can_edit(staff) or (scope is not ALL_PROVINCES and scope != group.regency.province_id):
        raise PartnerError(
            PartnerErrorCode.NOT_ALLOWED, _("You may only enter agreements in your own province.")
        )
    if ends_on < starts_on:
        raise PartnerError(
            PartnerErrorCode.INVALID, _("The agreement ends before it starts."), field="ends_on"
        )
    if not (volume or "").strip():
        raise PartnerError(PartnerErrorCode.INVALID, _("Enter the agreed volume."), field="volume")
    with transaction.atomic():
        partnership, _created = Partnership.objects.get_or_create(
            partner_id=partner_id, group_id=group_id, defaults={"since": starts_on}
        )
        agreement = PartnershipAgreement.objects.create(
            partnership=partnership,
            starts_on=starts_on,
            ends_on=ends_on,
            volume=volume.strip(),
            price=(price or "").strip(),
            entered_by=staff,
        )
        refresh_partnership(partnership)
        record(
            staff,
            agreement,
            "partnership_agreement",
            {"period": [None, f"{starts_on} – {ends_on}"], "volume": [None, volume.strip()]},
            province_code=group.regency.province_id,
        )
    return agreement


def is_active_on(partnership: Partnership, today: date) -> bool | None:
    """True / False from trade and agreements; None when the pair has neither (hand-entered)."""
    agreements = partnership.agreements.all()
    shipments = PurchaseOrderShipment.objects.filter(
        group_id=partnership.group_id,
        purchase_order__account__partner_id=partnership.partner_id,
    )
    if not agreements.exists() and not shipments.exists():
        return None
    if agreements.filter(starts_on__lte=today, ends_on__gte=today).exists():
        return True
    since = timezone.make_aware(
        datetime.combine(today - timedelta(days=TRADE_WINDOW_DAYS), time.min)
    )
    return shipments.filter(created_at__gte=since).exists()


def refresh_partnership(partnership: Partnership, *, today: date | None = None) -> bool:
    active = is_active_on(partnership, today or timezone.localdate())
    if active is None or active == partnership.is_active:
        return False
    partnership.is_active = active
    partnership.save(update_fields=["is_active"])
    return True


def refresh_partnerships(*, today: date | None = None) -> int:
    """Nightly: switch partnerships on or off by trade and agreements; returns how many changed."""
    return sum(refresh_partnership(p, today=today) for p in Partnership.objects.all())
