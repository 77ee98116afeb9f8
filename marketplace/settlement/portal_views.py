"""The group's money pages under /portal/keuangan/: balance, statements, payout account."""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from marketplace.groups.membership import member_groups, working_group

from .errors import SettlementError
from .forms import PayoutAccountForm
from .models import PayoutAccount, PayoutAccountRequest, RequestStatus
from .payout_accounts import request_payout_account
from .pdf import statement_pdf
from .statements import (
    group_balances,
    month_label,
    monthly_statement,
    statement_csv,
    statement_months,
)


def money_member_required(view):
    """Log in first; ``request.group`` is the group the member works for, as in the portal.

    That is the group chosen with the portal's switcher (the first membership by default);
    someone who is not an active member of an active group gets a 404. Every page below reads
    money only through ``request.group``, so another group's money is never shown.
    """

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        groups = member_groups(request.user)
        group = working_group(groups, request.session)
        if group is None:
            raise Http404
        request.group = group
        request.portal_groups = groups  # the portal layout's group switcher
        return view(request, *args, **kwargs)

    return wrapper


@money_member_required
def balance(request):
    group = request.group
    context = {
        "group": group,
        "balances": group_balances(group),
        "months": statement_months(group)[:12],
        "payout_account": PayoutAccount.objects.filter(group=group).first(),
        "pending_request": group.payout_account_requests.filter(
            status=RequestStatus.PENDING
        ).first(),
        "payouts": group.payout_lines.select_related("batch").order_by("-pk")[:10],
    }
    return render(request, "settlement/portal/balance.html", context)


def _month(year: int, month: int) -> date:
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    return date(year, month, 1)


@money_member_required
def statement(request, year: int, month: int):
    group = request.group
    statement = monthly_statement(group, _month(year, month))
    context = {
        "group": group,
        "statement": statement,
        "totals": statement.totals,
        "month_label": month_label(statement.month),
    }
    return render(request, "settlement/portal/statement.html", context)


@money_member_required
def statement_download(request, year: int, month: int, fmt: str):
    if fmt not in ("csv", "pdf"):
        raise Http404
    group = request.group
    statement = monthly_statement(group, _month(year, month))
    name = f"laporan-{group.code}-{year}-{month:02d}"
    if fmt == "csv":
        response = HttpResponse(statement_csv(statement), content_type="text/csv; charset=utf-8")
    else:
        content = statement_pdf(statement, group_balances(group))
        response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@money_member_required
@require_http_methods(["GET", "POST"])
def payout_account(request):
    group = request.group
    form = PayoutAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_payout_account(group.pk, actor=request.user, **form.cleaned_data)
        except SettlementError as err:
            form.add_error(err.field if err.field in form.fields else None, err.message)
        else:
            messages.success(
                request, _("Thank you. BKKBN staff will check the account before it is used.")
            )
            return redirect("settlement_portal:balance")
    context = {
        "group": group,
        "form": form,
        "payout_account": PayoutAccount.objects.filter(group=group).first(),
        "requests": PayoutAccountRequest.objects.filter(group=group)[:5],
    }
    return render(request, "settlement/portal/payout_account.html", context)


@money_member_required
def payout(request, line_id: int):
    group = request.group
    line = get_object_or_404(group.payout_lines.select_related("batch"), pk=line_id)
    return render(request, "settlement/portal/payout.html", {"group": group, "line": line})
