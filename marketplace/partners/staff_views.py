"""Staff: the invoices of credit POs, and recording a partner's bank transfer for one.

Scoped like every staff page: province staff see invoices of partners in their province (another
province's invoice is a 404); only staff who may edit (national admins, province curators)
record a payment. Mounted under /admin/reports/mitra/ by ``reports.urls``.
"""

from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from marketplace.curation.scoping import ALL_PROVINCES, can_edit, staff_scope

from .errors import PartnerError
from .invoices import invoice_number, record_invoice_payment
from .models import PaymentTerms, PurchaseOrder


def scoped_invoices(user):
    orders = PurchaseOrder.objects.exclude(terms=PaymentTerms.PAY_NOW).select_related(
        "account__partner", "account__district__regency"
    )
    scope = staff_scope(user)
    if scope is None:
        return orders.none()
    if scope is not ALL_PROVINCES:
        orders = orders.filter(account__district__regency__province_id=scope)
    return orders


@require_http_methods(["GET", "POST"])
def invoices(request):
    orders = scoped_invoices(request.user)
    if request.method == "POST":
        order = orders.filter(pk=request.POST.get("order") or 0).first()
        if order is None or not can_edit(request.user):
            raise Http404
        try:
            amount = int((request.POST.get("amount") or "0").replace(".", ""))
        except ValueError:
            amount = -1
        try:
            record_invoice_payment(
                request.user, order, amount=amount, reference=request.POST.get("reference", "")
            )
        except PartnerError as error:
            messages.error(request, f"{invoice_number(order)}: {error.message}")
        else:
            messages.success(
                request,
                _("Payment of invoice %(number)s recorded.") % {"number": invoice_number(order)},
            )
        return redirect("reports:partner_invoices")
    rows = [
        {"order": order, "number": invoice_number(order)}
        for order in orders.order_by("paid_at", "due_date", "pk")[:200]
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Partner invoices"),
        "rows": rows,
        "can_edit": can_edit(request.user),
    }
    return render(request, "partners/staff/invoices.html", context)
