"""Staff report pages under /admin/reports/: scoped like everything staff see (404 outside)."""

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from marketplace.curation.scoping import (
    ALL_PROVINCES,
    is_reporting_staff,
    require_province,
    staff_scope,
)
from marketplace.regions.models import Province

from .charts import bar_rows, trend_points
from .exports import to_csv, to_xlsx
from .forms import ReportPeriodForm
from .queries import build_report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def staff_view(view):
    def wrapped(request, *args, **kwargs):
        if not is_reporting_staff(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return admin.site.admin_view(wrapped)


def _report_for(request):
    """The report the request asks for, or 404 when it reaches outside the user's province."""
    form = ReportPeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None
    if not request.GET:
        form = ReportPeriodForm({})
        form.is_valid()
    scope = staff_scope(request.user)
    province = form.cleaned_data.get("province") or None
    if province is None and scope is not ALL_PROVINCES:
        province = scope
    if province and not Province.objects.filter(pk=province).exists():
        raise Http404
    require_province(request.user, province)
    report = build_report(
        start=form.cleaned_data["start"], end=form.cleaned_data["end"], province_code=province
    )
    return form, report


def report_page(request):
    form, report = _report_for(request)
    context = {
        **admin.site.each_context(request),
        "title": _("Reports"),
        "form": form,
        "report": report,
        "is_national": staff_scope(request.user) is ALL_PROVINCES,
        "provinces": Province.objects.order_by("name") if report else [],
    }
    if report:
        context["bars"] = bar_rows(report.rows)
        context["trend"] = trend_points(report.months)
        context["query"] = request.GET.urlencode()
    return render(request, "reports/report.html", context, status=200 if report else 400)


def export(request, fmt):
    form, report = _report_for(request)
    if report is None:
        return HttpResponse(_("Invalid period."), status=400, content_type="text/plain")
    place = report.province.code if report.province else "ID"
    name = f"laporan-uppks-{place}-{report.start:%Y%m%d}-{report.end:%Y%m%d}"
    if fmt == "csv":
        response = HttpResponse(to_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(to_xlsx(report), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
