from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.notifications.models import OutboxMessage
from marketplace.partners.errors import PartnerError
from marketplace.partners.invoices import (
    invoice_number,
    invoice_pdf,
    record_invoice_payment,
    send_invoice_reminders,
)
from marketplace.partners.models import PartnerRole, PurchaseOrder
from marketplace.partners.purchase_orders import LineRequest, create_purchase_order
from marketplace.partners.wholesale import set_wholesale_offer
from tests.factories.accounts import StaffUserFactory
from tests.factories.catalog import ProductVariantFactory
from tests.factories.partners import PartnerUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hotel():
    return PartnerUserFactory(account__credit_limit=10_000_000, account__npwp="012345678901000")


def place(hotel, terms="net14", quantity=100):
    variant = ProductVariantFactory(price=15_000)
    set_wholesale_offer(
        group_id=variant.product.group_id,
        variant_id=variant.pk,
        min_order_quantity=50,
        lead_time_days=7,
        monthly_capacity=500,
        tiers=[(50, 12_000), (100, 10_500)],
    )
    return create_purchase_order(hotel.user, [LineRequest(variant.pk, quantity)], terms=terms)


def test_invoice_pdf_has_number_due_date_and_bank(hotel, settings):
    settings.BANK_TRANSFER_ACCOUNT_NUMBER = "0123-01-000777-30-1"
    order = place(hotel)
    pdf = invoice_pdf(order)
    assert pdf.startswith(b"%PDF-")
    assert invoice_number(order).encode() in pdf
    assert order.due_date.strftime("%d-%m-%Y").encode() in pdf
    assert b"0123-01-000777-30-1" in pdf
    assert b"1.050.000" in pdf
    with pytest.raises(PartnerError):
        invoice_pdf(place(hotel, terms="now"))


def test_invoice_paid_by_bank_transfer_frees_credit(hotel):
    order = place(hotel)
    staff = StaffUserFactory(is_superuser=True)
    with pytest.raises(PartnerError) as error:
        record_invoice_payment(staff, order, amount=1_000_000, reference="TRF-1")
    assert error.value.message == "Jumlahnya harus sama dengan total tagihan, Rp 1.050.000."
    assert PurchaseOrder.objects.get().paid_at is None
    record_invoice_payment(staff, order, amount=1_050_000, reference="TRF-1")
    assert PurchaseOrder.objects.get().paid_at is not None
    with pytest.raises(PartnerError):
        record_invoice_payment(staff, order, amount=1_050_000, reference="TRF-1")


def test_invoice_reminders_before_and_after_due_date_once(hotel):
    PartnerUserFactory(account=hotel.account, role=PartnerRole.FINANCE, user__email="fin@h.id")
    PartnerUserFactory(account=hotel.account, role=PartnerRole.BUYER, user__email="buy@h.id")
    order = place(hotel)
    today = timezone.localdate()
    assert send_invoice_reminders(today=today) == 0  # due in 14 days
    assert send_invoice_reminders(today=order.due_date - timedelta(days=2)) == 2
    assert send_invoice_reminders(today=order.due_date - timedelta(days=1)) == 0
    soon = OutboxMessage.objects.filter(event="invoice_due_soon")
    assert {m.recipient for m in soon} == {hotel.user.email, "fin@h.id"}
    assert send_invoice_reminders(today=order.due_date + timedelta(days=1)) == 2
    assert OutboxMessage.objects.filter(event="invoice_overdue").count() == 2
    order.paid_at = timezone.now()
    order.save()
    assert send_invoice_reminders(today=order.due_date + timedelta(days=5)) == 0


def test_invoice_overdue_notice_renders_in_indonesian():
    from django.template.loader import render_to_string

    text = render_to_string(
        "notifications/invoice_overdue.txt",
        {
            "invoice": "INV-2026-00001",
            "partner": "Hotel Segara",
            "total": 2_100_000,
            "due_date": "2026-12-18",
        },
    )
    assert "Tagihan INV-2026-00001 untuk Hotel Segara, Rp" in text
    assert "2.100.000" in text and "Pesanan baru dengan kredit diblokir" in text
