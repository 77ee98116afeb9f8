"""Partial deliveries of a PO by each group, the surat jalan PDF, and the partnership they start.

A group ships only its own lines; each shipment is one surat jalan. When a group has delivered all
its lines of a partner's PO, the group and the partner have traded: the Partnership is recorded
(or re-activated) from that day, which is what the reports count.
"""

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from marketplace.core.audit import record
from marketplace.groups.models import Partnership

from .errors import PartnerError, PartnerErrorCode
from .ledger import post_group_delivered
from .models import (
    GroupOrderStatus,
    PurchaseOrder,
    PurchaseOrderShipment,
    PurchaseOrderShipmentLine,
)
from .routing import accept_purchase_order, note_shipment, part_for


def delivered_quantities(order: PurchaseOrder) -> dict[int, int]:
    rows = (
        PurchaseOrderShipmentLine.objects.filter(line__purchase_order=order)
        .values("line_id")
        .annotate(quantity=Sum("quantity"))
    )
    return {row["line_id"]: row["quantity"] for row in rows}


def ship_purchase_order(
    user, *, group_id: int, order_id: int, quantities: dict[int, int]
) -> PurchaseOrderShipment:
    """Ship ``{line_id: quantity}`` of the group's lines of the PO as one surat jalan."""
    with transaction.atomic():
        order = PurchaseOrder.objects.select_for_update().filter(pk=order_id).first()
        if order is None:
            raise PartnerError(PartnerErrorCode.INVALID, _("The purchase order does not exist."))
        lines = {line.pk: line for line in order.lines.select_related("variant")}
        wanted = {int(k): int(v) for k, v in quantities.items() if int(v) != 0}
        if not wanted:
            raise PartnerError(PartnerErrorCode.INVALID, _("Enter the quantities shipped."))
        for line_id, quantity in wanted.items():
            line = lines.get(line_id)
            if line is None or line.group_id != group_id:
                raise PartnerError(
                    PartnerErrorCode.NOT_ALLOWED,
                    _("You can only ship your own group's lines of this purchase order."),
                )
            if quantity < 0:
                raise PartnerError(PartnerErrorCode.INVALID, _("Quantities cannot be negative."))
        part = part_for(group_id, order.pk, lock=True)
        if part.status == GroupOrderStatus.NEW:
            # The portal asks for acceptance first; a service caller shipping at once accepts.
            part = accept_purchase_order(user, group_id=group_id, order_id=order.pk)
        delivered = delivered_quantities(order)
        for line_id, quantity in wanted.items():
            left = lines[line_id].quantity - delivered.get(line_id, 0)
            if quantity > left:
                raise PartnerError(
                    PartnerErrorCode.INVALID,
                    _("Only %(left)s units of %(sku)s are left to ship.")
                    % {"left": left, "sku": lines[line_id].variant.sku},
                )
        count = PurchaseOrderShipment.objects.filter(purchase_order=order).count() + 1
        shipment = PurchaseOrderShipment.objects.create(
            purchase_order=order,
            group_id=group_id,
            number=f"SJ-{order.number[3:]}-{count:02d}",
            shipped_by=user,
        )
        PurchaseOrderShipmentLine.objects.bulk_create(
            [
                PurchaseOrderShipmentLine(shipment=shipment, line_id=line_id, quantity=quantity)
                for line_id, quantity in wanted.items()
            ]
        )
        for line_id, quantity in wanted.items():
            delivered[line_id] = delivered.get(line_id, 0) + quantity
        own = [line for line in lines.values() if line.group_id == group_id]
        delivered_all = all(delivered.get(line.pk, 0) >= line.quantity for line in own)
        note_shipment(part, shipment, delivered_all=delivered_all)
        if delivered_all:
            _record_partnership(order, group_id)
            post_group_delivered(order, group_id)
    return shipment


def _record_partnership(order: PurchaseOrder, group_id: int) -> None:
    partnership, created = Partnership.objects.get_or_create(
        partner_id=order.account.partner_id,
        group_id=group_id,
        defaults={"since": timezone.localdate(), "is_active": True},
    )
    changed = created
    if not created and not partnership.is_active:
        partnership.is_active = True
        partnership.save(update_fields=["is_active"])
        changed = True
    if changed:
        record(
            None,
            partnership,
            "partnership_from_purchase_order",
            {"purchase_order": [None, order.number]},
            province_code=partnership.group.regency.province_id,
        )


def delivery_note_pdf(shipment: PurchaseOrderShipment) -> bytes:
    """The surat jalan: number, date, sender group, recipient partner, items and quantities."""
    order = shipment.purchase_order
    account = order.account
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_compression(False)  # a one-page note: readable text, searchable by the recipient
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, _latin(_("Delivery note (surat jalan)")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    rows = [
        (_("Number"), shipment.number),
        (_("Purchase order"), order.number),
        (_("Date"), timezone.localtime(shipment.created_at).strftime("%d-%m-%Y")),
        (_("From"), f"{shipment.group.name} ({shipment.group.regency.name})"),
        (_("To"), f"{account.partner.name}, {account.address}, {account.district.name}"),
    ]
    for label, value in rows:
        pdf.cell(45, 7, _latin(label))
        pdf.multi_cell(0, 7, _latin(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(40, 8, "SKU", border=1)
    pdf.cell(110, 8, _latin(_("Item")), border=1)
    pdf.cell(30, 8, _latin(_("Quantity")), border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    for item in shipment.lines.select_related("line__variant__product"):
        variant = item.line.variant
        pdf.cell(40, 8, _latin(variant.sku), border=1)
        pdf.cell(110, 8, _latin(str(variant)[:60]), border=1)
        pdf.cell(30, 8, str(item.quantity), border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.cell(90, 7, _latin(_("Sent by")))
    pdf.cell(90, 7, _latin(_("Received by")), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _latin(text: str) -> str:
    return str(text).encode("latin-1", "replace").decode("latin-1")
