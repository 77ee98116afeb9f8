"""Invoices of credit purchase orders: the PDF, payment by bank transfer, reminders.

A PO on net 7/14/30 is its own invoice (number ``INV-…`` from the PO number), due on
``PurchaseOrder.due_date``. Reminders go through the outbox: ``invoice_due_soon`` a few days
before the due date and ``invoice_overdue`` after it, once each per invoice and recipient.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from marketplace.core.audit import record
from marketplace.core.money import format_rupiah
from marketplace.notifications.models import Channel
from marketplace.notifications.outbox import Recipient, enqueue

from .errors import PartnerError, PartnerErrorCode
from .ledger import post_invoice_paid
from .models import PartnerRole, PaymentTerms, PurchaseOrder

REMIND_DAYS_BEFORE = 3


def invoice_number(order: PurchaseOrder) -> str:
    return "INV-" + order.number[3:]


def record_invoice_payment(staff, order: PurchaseOrder, *, amount: int, reference: str):
    """Staff confirm the partner's bank transfer for the whole invoice."""
    if order.terms == PaymentTerms.PAY_NOW:
        raise PartnerError(PartnerErrorCode.INVALID, _("This purchase order has no invoice."))
    if order.paid_at is not None:
        raise PartnerError(PartnerErrorCode.INVALID, _("This invoice is already paid."))
    if amount != order.total:
        raise PartnerError(
            PartnerErrorCode.INVALID,
            _("The amount must be the invoice total, %(total)s.")
            % {"total": format_rupiah(order.total)},
            field="amount",
        )
    if not (reference or "").strip():
        raise PartnerError(
            PartnerErrorCode.INVALID, _("Enter the transfer reference."), field="reference"
        )
    with transaction.atomic():
        locked = PurchaseOrder.objects.select_for_update().get(pk=order.pk)
        if locked.paid_at is not None:
            raise PartnerError(PartnerErrorCode.INVALID, _("This invoice is already paid."))
        locked.paid_at = timezone.now()
        locked.save(update_fields=["paid_at"])
        post_invoice_paid(locked)
        record(
            staff,
            locked,
            "invoice_paid",
            {"paid": [None, f"{amount} ({reference.strip()})"]},
            province_code=locked.account.province_code,
        )
    return locked


def _finance_recipients(order: PurchaseOrder) -> list[Recipient]:
    users = order.account.users.filter(
        role__in=[PartnerRole.ADMIN, PartnerRole.FINANCE]
    ).select_related("user")
    return [Recipient(Channel.EMAIL, member.user.email) for member in users if member.user.email]


def send_invoice_reminders(*, today=None) -> int:
    """Queue due-soon and overdue reminders for unpaid invoices; returns the rows queued."""
    today = today or timezone.localdate()
    unpaid = PurchaseOrder.objects.exclude(terms=PaymentTerms.PAY_NOW).filter(
        paid_at__isnull=True, due_date__isnull=False
    )
    queued = 0
    soon = unpaid.filter(due_date__gte=today, due_date__lte=today + timedelta(REMIND_DAYS_BEFORE))
    overdue = unpaid.filter(due_date__lt=today)
    for event, orders in (("invoice_due_soon", soon), ("invoice_overdue", overdue)):
        for order in orders.select_related("account__partner"):
            with transaction.atomic():
                queued += len(
                    enqueue(
                        event,
                        about=order,
                        recipients=_finance_recipients(order),
                        context={
                            "partner": order.account.partner.name,
                            "invoice": invoice_number(order),
                            "total": order.total,
                            "due_date": order.due_date.isoformat(),
                        },
                    )
                )
    return queued


def invoice_pdf(order: PurchaseOrder) -> bytes:
    if order.terms == PaymentTerms.PAY_NOW:
        raise PartnerError(PartnerErrorCode.INVALID, _("This purchase order has no invoice."))
    account = order.account
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, _latin(_("Invoice")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    rows = [
        (_("Number"), invoice_number(order)),
        (_("Purchase order"), order.number),
        (_("Date"), timezone.localtime(order.created_at).strftime("%d-%m-%Y")),
        (_("Due date"), order.due_date.strftime("%d-%m-%Y")),
        (_("To"), f"{account.partner.name}, {account.address}"),
    ]
    if account.npwp:
        rows.append(("NPWP", account.npwp))
    for label, value in rows:
        pdf.cell(45, 7, _latin(label))
        pdf.multi_cell(0, 7, _latin(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", "B", 10)
    for text, width in ((_("Item"), 95), (_("Quantity"), 25), (_("Price"), 30), ("Total", 30)):
        pdf.cell(width, 8, _latin(text), border=1)
    pdf.ln()
    pdf.set_font("helvetica", "", 10)
    for line in order.lines.select_related("variant__product", "group"):
        pdf.cell(95, 8, _latin(f"{line.variant} ({line.group.name})"[:55]), border=1)
        pdf.cell(25, 8, str(line.quantity), border=1)
        pdf.cell(30, 8, _latin(format_rupiah(line.unit_price)), border=1)
        pdf.cell(30, 8, _latin(format_rupiah(line.total)), border=1)
        pdf.ln()
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(150, 8, _latin(_("Total due")), border=1)
    pdf.cell(30, 8, _latin(format_rupiah(order.total)), border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(
        0,
        7,
        _latin(
            _(
                "Pay by bank transfer to %(bank)s %(number)s in the name of %(holder)s, "
                "quoting %(ref)s."
            )
            % {
                "bank": settings.BANK_TRANSFER_BANK_NAME,
                "number": settings.BANK_TRANSFER_ACCOUNT_NUMBER,
                "holder": settings.BANK_TRANSFER_ACCOUNT_HOLDER,
                "ref": invoice_number(order),
            }
        ),
    )
    return bytes(pdf.output())


def _latin(text: str) -> str:
    return str(text).encode("latin-1", "replace").decode("latin-1")
