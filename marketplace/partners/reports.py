"""Figures for staff: trade per partner kind, on-time delivery of POs, partnership rate."""

from datetime import timedelta

from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Sum

from marketplace.groups.models import Partnership, UppksGroup

from .models import PurchaseOrderLine


def trade_per_partner_kind(*, province_code: str | None = None) -> dict[str, int]:
    """Rupiah ordered per partner kind (``{"hotel": 2100000, …}``), optionally one province."""
    lines = PurchaseOrderLine.objects.all()
    if province_code:
        lines = lines.filter(group__regency__province_id=province_code)
    rows = lines.values(kind=F("purchase_order__account__partner__kind")).annotate(
        total=Sum(F("quantity") * F("unit_price"))
    )
    return {row["kind"]: row["total"] for row in rows}


def on_time_delivery(*, province_code: str | None = None) -> tuple[int, int]:
    """(lines delivered in full within their lead time, lines delivered in full)."""
    lines = PurchaseOrderLine.objects.annotate(
        shipped=Sum("shipment_lines__quantity"), last=Max("shipment_lines__shipment__created_at")
    ).filter(shipped__gte=F("quantity"))
    if province_code:
        lines = lines.filter(group__regency__province_id=province_code)
    done = on_time = 0
    for line in lines.select_related("purchase_order"):
        done += 1
        deadline = line.purchase_order.created_at + timedelta(days=line.lead_time_days)
        on_time += line.last <= deadline
    return on_time, done


def partnership_rate(province_code: str) -> list[dict]:
    """Per kabupaten / kota of the province: active groups, partnered groups (e.g. 48 of 1,084)."""
    partnered = Partnership.objects.filter(is_active=True).values("group_id")
    rows = (
        UppksGroup.objects.filter(is_active=True, regency__province_id=province_code)
        .values("regency_id", "regency__name")
        .annotate(groups=Count("pk"), partnered=Count("pk", filter=Q(pk__in=partnered)))
        .order_by("regency__name")
    )
    return [
        {"regency": r["regency__name"], "groups": r["groups"], "partnered": r["partnered"]}
        for r in rows
    ]


def partnership_rate_by_province() -> list[dict]:
    """Per province: active groups and those with an active partnership (national staff)."""
    partnered = Partnership.objects.filter(is_active=True).values("group_id")
    rows = (
        UppksGroup.objects.filter(is_active=True)
        .values("regency__province_id", "regency__province__name")
        .annotate(groups=Count("pk"), partnered=Count("pk", filter=Q(pk__in=partnered)))
        .order_by("regency__province__name")
    )
    return [
        {
            "code": r["regency__province_id"],
            "region": r["regency__province__name"],
            "groups": r["groups"],
            "partnered": r["partnered"],
        }
        for r in rows
    ]


def partner_directory(*, province_code: str | None = None):
    """Partner accounts (any status) with their trade and active partnerships, for staff.

    A province's staff see the partners in their province and those partnered with one of
    its groups.
    """
    from .models import PartnerAccount

    accounts = PartnerAccount.objects.select_related("partner", "district__regency")
    if province_code:
        accounts = accounts.filter(
            Q(district__regency__province_id=province_code)
            | Q(
                partner__partnerships__group__regency__province_id=province_code,
                partner__partnerships__is_active=True,
            )
        ).distinct()
    traded = (
        PurchaseOrderLine.objects.filter(purchase_order__account=OuterRef("pk"))
        .values("purchase_order__account")
        .annotate(total=Sum(F("quantity") * F("unit_price")))
        .values("total")
    )
    partnered = (
        Partnership.objects.filter(partner=OuterRef("partner"), is_active=True)
        .values("partner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        accounts.annotate(trade=Subquery(traded), partnered_groups=Subquery(partnered))
        .prefetch_related("contacts")
        .order_by("partner__name")
    )
