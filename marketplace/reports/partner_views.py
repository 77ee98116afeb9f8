"""Staff pages about partners (issue 18): partnership rate, trade per partner kind, on-time
delivery of POs, and the partner directory. Scoped like the other reports: province staff see
their province (404 for another), national staff choose one or see every province."""

from django.contrib import admin
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from marketplace.curation.scoping import ALL_PROVINCES, require_province, staff_scope
from marketplace.groups.models import PartnerKind
from marketplace.partners.reports import (
    on_time_delivery,
    partner_directory,
    partnership_rate,
    partnership_rate_by_province,
    trade_per_partner_kind,
)
from marketplace.regions.models import Province


def _province_for(request) -> Province | None:
    """The province asked for (or the staff's own), None for national figures; 404 outside."""
    scope = staff_scope(request.user)
    code = (request.GET.get("province") or "").strip()[:2] or None
    if code is None and scope is not ALL_PROVINCES:
        code = scope
    province = None
    if code:
        province = Province.objects.filter(pk=code).first()
        if province is None:
            raise Http404
    require_province(request.user, code)
    return province


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def partners_report(request):
    province = _province_for(request)
    code = province.code if province else None
    if province:
        regions = [{**row, "region": row["regency"]} for row in partnership_rate(code)]
    else:
        regions = partnership_rate_by_province()
    for row in regions:
        row["percent"] = _percent(row["partnered"], row["groups"])
    groups = sum(r["groups"] for r in regions)
    partnered = sum(r["partnered"] for r in regions)
    kinds = dict(PartnerKind.choices)
    trade = sorted(
        (
            {"kind": kinds.get(kind, kind), "total": total}
            for kind, total in trade_per_partner_kind(province_code=code).items()
        ),
        key=lambda row: -row["total"],
    )
    on_time, delivered = on_time_delivery(province_code=code)
    context = {
        **admin.site.each_context(request),
        "title": _("Partnerships"),
        "province": province,
        "is_national": staff_scope(request.user) is ALL_PROVINCES,
        "provinces": Province.objects.order_by("name"),
        "regions": regions,
        "total": {"groups": groups, "partnered": partnered, "percent": _percent(partnered, groups)},
        "trade": trade,
        "trade_total": sum(row["total"] for row in trade),
        "on_time": on_time,
        "delivered": delivered,
        "on_time_percent": _percent(on_time, delivered),
    }
    return render(request, "reports/partners.html", context)


def partner_directory_page(request):
    province = _province_for(request)
    accounts = partner_directory(province_code=province.code if province else None)
    context = {
        **admin.site.each_context(request),
        "title": _("Partner directory"),
        "province": province,
        "is_national": staff_scope(request.user) is ALL_PROVINCES,
        "provinces": Province.objects.order_by("name"),
        "accounts": accounts[:500],
    }
    return render(request, "reports/partner_directory.html", context)
