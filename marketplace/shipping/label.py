"""The shipping label: a one-page PDF (fpdf2, as the statements) with the waybill barcode."""

from io import BytesIO
from pathlib import Path

from barcode import Code128
from barcode.writer import ImageWriter
from django.utils.translation import gettext as _
from fpdf import FPDF

_FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
]


def waybill_barcode_png(waybill_id: str) -> bytes:
    """Code 128 of the waybill, which every courier's scanner reads."""
    out = BytesIO()
    Code128(waybill_id, writer=ImageWriter()).write(
        out, options={"module_height": 12.0, "font_size": 8, "text_distance": 4, "quiet_zone": 2}
    )
    return out.getvalue()


def render_label(shipment, fulfillment) -> bytes:
    """A6-sized label: courier, waybill barcode, sender (the group), recipient, contents."""
    order, group = fulfillment.order, fulfillment.group
    pdf = FPDF(orientation="P", unit="mm", format=(105, 148))  # A6
    font = next((path for path in _FONTS if path.exists()), None)
    family = "Body" if font else "Helvetica"
    if font:
        pdf.add_font("Body", "", str(font))
    pdf.set_title(f"{shipment.courier_name} {shipment.waybill_id}")
    pdf.set_subject(f"Pasar UPPKS #{order.number}")
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_margins(6, 6, 6)

    def text(value: str) -> str:
        return value if font else value.encode("latin-1", "replace").decode("latin-1")

    pdf.set_font(family, "", 13)
    pdf.cell(
        0,
        7,
        text(f"{shipment.courier_name} · {shipment.service_name}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.image(BytesIO(waybill_barcode_png(shipment.waybill_id)), x=6, w=93, h=26)
    pdf.set_font(family, "", 8)
    pdf.cell(
        0, 5, text(_("Order #%(number)s") % {"number": order.number}), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(family, "", 9)
    recipient = [
        _("To:") + f" {order.full_name} · {order.shipping_phone or order.phone}",
        order.street_address_1,
        ", ".join(
            filter(None, [order.village, getattr(order.district, "name", ""), order.regency.name])
        ),
        f"{order.province.name} {order.postal_code}",
    ]
    pickup = getattr(group, "pickup_address", None)
    sender = [
        _("From:") + f" {group.name} · {pickup.contact_phone if pickup else group.phone}",
        pickup.street if pickup else "",
        f"{group.regency.name} {pickup.postal_code if pickup else ''}".strip(),
    ]
    for line in [*recipient, "", *sender]:
        pdf.multi_cell(0, 4.5, text(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 8)
    pdf.multi_cell(
        0,
        4,
        text(
            _("Weight: %(grams)d g · Contents: %(count)d items")
            % {
                "grams": fulfillment.weight_g,
                "count": sum(line.quantity for line in fulfillment.lines.all()),
            }
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
