"""The routed-order notice on WhatsApp lists the lines with their SKU and how to answer."""

from marketplace.notifications.models import Channel, OutboxMessage
from marketplace.notifications.transports import render
from tests.factories.notifications import member
from tests.factories.orders import FulfillmentFactory, OrderFactory, pay_by_bank_transfer


def _routed(melati):
    ketua = member(melati, email=True, whatsapp=True)
    fulfillment = FulfillmentFactory(
        group=melati,
        order=OrderFactory(),
        quantity=3,
        quantity__stock=None,
    )
    pay_by_bank_transfer(fulfillment.order)
    rows = OutboxMessage.objects.filter(event="fulfillment_routed", subject_id=str(fulfillment.pk))
    return ketua, fulfillment, {row.channel: row for row in rows}


def test_whatsapp_notice_lists_lines_and_the_reply_commands(melati):
    _ketua, fulfillment, rows = _routed(melati)
    line = fulfillment.lines.select_related("order_line").get().order_line
    number = fulfillment.order.number

    text = render(rows[Channel.WHATSAPP]).text

    assert f"- 3 × {line.product_name}" in text
    assert f"[SKU {line.sku}]" in text
    deadline = rows[Channel.WHATSAPP].context["accept_deadline"]
    assert deadline and f"Balas pesan ini sebelum {deadline}:" in text
    for command in (
        f"TERIMA {number} — terima",
        f"TOLAK {number} stok habis — tolak, dengan alasannya",
        f"KIRIM {number} JNE JP1234567890 — sudah dikirim: kurir dan nomor resi",
        f"STOK {line.sku} 25 — atur stok sebuah SKU",
        "BANTUAN — bantuan",
    ):
        assert command in text


def test_the_email_notice_still_points_to_the_portal(melati):
    _ketua, _fulfillment, rows = _routed(melati)

    text = render(rows[Channel.EMAIL]).text

    assert "Terima atau tolak di portal kelompok sebelum" in text
    assert "TERIMA" not in text
    assert "[SKU" not in text
