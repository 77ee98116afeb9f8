"""Every order notice renders in Indonesian and English, with amounts in Rupiah."""

import pytest
from django.urls import reverse

from marketplace.notifications.models import OutboxMessage
from marketplace.notifications.transports import render
from marketplace.orders.services import (
    accept_fulfillment,
    cancel_order,
    deliver_fulfillment,
    pack_fulfillment,
    reject_fulfillment,
    ship_fulfillment,
)
from marketplace.payments.models import TransactionItem


@pytest.fixture
def notices(place_order, soap_stock, coffee_stock):
    """One of each order notice, from a real order's life."""
    order = place_order((soap_stock, 2), (coffee_stock, 1), paid=True)
    soap = order.fulfillments.get(group=soap_stock.group)
    coffee = order.fulfillments.get(group=coffee_stock.group)
    accept_fulfillment(soap.pk, actor=None)
    pack_fulfillment(soap.pk, actor=None)
    ship_fulfillment(soap.pk, actor=None, courier="JNE", tracking_number="JNE777")
    deliver_fulfillment(soap.pk)
    reject_fulfillment(coffee.pk, actor=None, reason="Panen gagal")
    cancel_order(place_order((soap_stock, 1)).pk, actor=None, reason="Salah pesan")
    return OutboxMessage.objects.filter(channel="email")


EXPECTED_ID = {
    "order_placed": ("Pesanan #{number} diterima", ["Total: Rp 151.000", "transfer bank"]),
    "fulfillment_routed": ("Pesanan baru #{number} untuk", ["2 × ", "Kabupaten Klungkung"]),
    "fulfillment_shipped": ("paket sedang dikirim", ["Nomor resi: JNE777", "Kurir: JNE"]),
    "fulfillment_delivered": ("paket sudah sampai", ["Rp 50.000"]),
    "fulfillment_rejected": ("tidak dapat memenuhi sebagian", ["Panen gagal", "Rp 92.000"]),
    "order_canceled": ("dibatalkan", ["Salah pesan"]),
}


@pytest.mark.parametrize("event", sorted(EXPECTED_ID))
def test_notice_renders_in_indonesian(notices, event):
    message = notices.filter(event=event, language="id").order_by("pk").first()
    notice = render(message)
    subject, text = notice.subject, notice.text
    expected_subject, fragments = EXPECTED_ID[event]
    number = message.context["order_number"]
    assert expected_subject.format(number=number) in subject
    for fragment in fragments:
        assert fragment in text


@pytest.mark.parametrize("event", sorted(EXPECTED_ID))
def test_notice_renders_in_english(notices, event):
    message = notices.filter(event=event).order_by("pk").first()
    message.language = "en"
    notice = render(message)
    subject, text = notice.subject, notice.text
    assert str(message.context["order_number"]) in subject
    assert "Rp " in text or event == "fulfillment_shipped"
    assert "Pesanan" not in subject


def test_order_placed_sends_the_buyer_to_the_payment_page_for_the_exact_amount(
    place_order, soap_stock, settings
):
    # given
    settings.SITE_URL = "https://pasar.example.id/"
    order = place_order((soap_stock, 2))
    message = OutboxMessage.objects.get(event="order_placed", channel="email")
    # when
    text = render(message).text
    # then
    payment_path = reverse("payments:order_payment", kwargs={"token": order.token})
    assert f"https://pasar.example.id{payment_path}\n" in text
    assert "ditambah kode unik" in text
    assert "Buka halaman pembayaran untuk melihat jumlah persis" in text
    assert not TransactionItem.objects.filter(order=order).exists()  # code chosen on that page
