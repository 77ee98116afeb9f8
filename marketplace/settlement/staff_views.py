"""Staff pages under /admin/settlement/: payout batches, group ledgers, account approvals,
daily reconciliation. Province staff see their province's groups only (404 outside it); moving
money (payout runs, marking paid, failing lines) is for national staff."""

from datetime import timedelta
from functools import wraps

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.curation.scoping import (
    ALL_PROVINCES,
    can_edit,
    is_reporting_staff,
    scope_to_staff,
    staff_scope,
)
from marketplace.groups.models import UppksGroup

from .errors import SettlementError
from .forms import FailLineForm, PayoutRunForm
from .gateways import gateway_for
from .models import (
    AccountKind,
    LedgerCheck,
    LedgerEntry,
    PayoutAccountRequest,
    PayoutBatch,
    PayoutLine,
    RequestStatus,
)
from .payout_accounts import approve_payout_account, reject_payout_account
from .payouts import fail_payout_line, mark_batch_paid, run_payouts
from .reconciliation import (
    bank_transfer_matches,
    check_ledger,
    cod_reconciliation,
    daily_reconciliation,
)
from .statements import group_balances

GROUP_PROVINCE = "regency__province"


def staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "admin:login")
        if not is_reporting_staff(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def national_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if staff_scope(request.user) is not ALL_PROVINCES:
            raise Http404
        return view(request, *args, **kwargs)

    return staff_required(wrapper)


def _render(request, template: str, context: dict):
    context = {
        **admin.site.each_context(request),
        "is_national": staff_scope(request.user) is ALL_PROVINCES,
        **context,
    }
    return render(request, template, context)


def _groups(request):
    return scope_to_staff(
        UppksGroup.objects.select_related("regency"), request.user, GROUP_PROVINCE
    )


@staff_required
def dashboard(request):
    requests = scope_to_staff(
        PayoutAccountRequest.objects.filter(status=RequestStatus.PENDING),
        request.user,
        "group__regency__province",
    )
    return _render(
        request,
        "settlement/staff/dashboard.html",
        {
            "title": _("Settlement"),
            "last_check": LedgerCheck.objects.first(),
            "pending_requests": requests.count(),
            "open_batches": PayoutBatch.objects.filter(status="open").count(),
        },
    )


@staff_required
def groups(request):
    query = request.GET.get("q", "").strip()
    queryset = _groups(request).order_by("name")
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(code__icontains=query))
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    rows = [(group, group_balances(group)) for group in page]
    return _render(
        request,
        "settlement/staff/groups.html",
        {"title": _("Group ledgers"), "page": page, "rows": rows, "query": query},
    )


@staff_required
def group_ledger(request, group_id: int):
    group = get_object_or_404(_groups(request), pk=group_id)
    entries = (
        LedgerEntry.objects.filter(group=group)
        .exclude(account__kind__in=[AccountKind.CLEARING])
        .select_related("transaction__order", "account", "order_line")
        .order_by("-pk")
    )
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return _render(
        request,
        "settlement/staff/group_ledger.html",
        {
            "title": _("Ledger of %(group)s") % {"group": group.name},
            "group": group,
            "balances": group_balances(group),
            "page": page,
            "payout_account": getattr(group, "payout_account", None),
        },
    )


@staff_required
def account_requests(request):
    queryset = scope_to_staff(
        PayoutAccountRequest.objects.select_related("group", "requested_by"),
        request.user,
        "group__regency__province",
    )
    pending = queryset.filter(status=RequestStatus.PENDING).order_by("created_at")
    return _render(
        request,
        "settlement/staff/account_requests.html",
        {
            "title": _("Payout account changes"),
            "pending": pending,
            "decided": queryset.exclude(status=RequestStatus.PENDING)[:50],
            "can_edit": can_edit(request.user),
        },
    )


@require_POST
@staff_required
def decide_account_request(request, request_id: int, decision: str):
    if not can_edit(request.user):
        raise Http404
    queryset = scope_to_staff(
        PayoutAccountRequest.objects.all(), request.user, "group__regency__province"
    )
    item = get_object_or_404(queryset, pk=request_id)
    try:
        if decision == "approve":
            approve_payout_account(item.pk, actor=request.user)
            messages.success(request, _("Payout account approved."))
        else:
            reject_payout_account(item.pk, actor=request.user, note=request.POST.get("note", ""))
            messages.success(request, _("Change rejected."))
    except SettlementError as err:
        messages.error(request, err.message)
    return redirect("settlement:account_requests")


@national_required
def batches(request):
    page = Paginator(PayoutBatch.objects.all(), 50).get_page(request.GET.get("page"))
    return _render(
        request,
        "settlement/staff/batches.html",
        {"title": _("Payout batches"), "page": page, "form": PayoutRunForm()},
    )


@require_POST
@national_required
def start_run(request):
    form = PayoutRunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a whole number of rupiah as the minimum."))
        return redirect("settlement:batches")
    try:
        batch = run_payouts(actor=request.user, minimum=form.cleaned_data["minimum"])
    except SettlementError as err:
        messages.error(request, err.message)
        return redirect("settlement:batches")
    messages.success(request, _("Batch %(reference)s created.") % {"reference": batch.reference})
    return redirect("settlement:batch", batch.pk)


@national_required
def batch(request, batch_id: int):
    item = get_object_or_404(PayoutBatch, pk=batch_id)
    lines = item.lines.select_related("group").order_by("pk")
    return _render(
        request,
        "settlement/staff/batch.html",
        {"title": item.reference, "batch": item, "lines": lines, "fail_form": FailLineForm()},
    )


@national_required
def batch_file(request, batch_id: int):
    item = get_object_or_404(PayoutBatch, pk=batch_id)
    name, content_type, content = gateway_for(item).export(item)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@national_required
def batch_mark_paid(request, batch_id: int):
    item = get_object_or_404(PayoutBatch, pk=batch_id)
    try:
        mark_batch_paid(item.pk, actor=request.user)
        messages.success(request, _("Batch marked paid; the groups are being told."))
    except SettlementError as err:
        messages.error(request, err.message)
    return redirect("settlement:batch", item.pk)


@require_POST
@national_required
def line_fail(request, line_id: int):
    line = get_object_or_404(PayoutLine, pk=line_id)
    form = FailLineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason the bank returned."))
        return redirect("settlement:batch", line.batch_id)
    try:
        fail_payout_line(line.pk, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("The amount is payable again for %(group)s.") % {"group": line.group.name}
        )
    except SettlementError as err:
        messages.error(request, err.message)
    return redirect("settlement:batch", line.batch_id)


@staff_required
def reconciliation(request):
    try:
        days = max(1, min(int(request.GET.get("days", 30)), 366))
    except ValueError:
        days = 30
    end = timezone.localdate()
    scope = staff_scope(request.user)
    province = None if scope is ALL_PROVINCES else scope
    start = end - timedelta(days=days - 1)
    rows = daily_reconciliation(start, end, province_code=province)
    transfers = bank_transfer_matches(start, end, province_code=province)
    return _render(
        request,
        "settlement/staff/reconciliation.html",
        {
            "title": _("Reconciliation"),
            "rows": rows,
            "transfers": transfers,
            "cod_days": cod_reconciliation(start, end, province_code=province),
            "unmatched_transfers": sum(1 for t in transfers if not t.matched),
            "days": days,
            "last_check": LedgerCheck.objects.first(),
            "flagged": sum(1 for row in rows if row.flagged),
        },
    )


@require_POST
@national_required
def run_check(request):
    check = check_ledger()
    if check.ok:
        messages.success(request, _("The ledger agrees: every counter equals its entries."))
    else:
        messages.error(
            request,
            _("The ledger check found %(count)s differences.") % {"count": len(check.problems)},
        )
    return redirect("settlement:reconciliation")
