"""A QRIS order from two groups in Chromium: the QR shows, Midtrans settles, the page turns paid."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Order, OrderStatus
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, KLUNGKUNG, district, regency
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_groups(live_server, transactional_db):
    bali = UppksGroupFactory(name="UPPKS Mawar Klungkung")
    aceh = UppksGroupFactory(name="UPPKS Kopi Gayo", regency=regency(ACEH_TENGAH))
    coffee = shop_product(
        name="Kopi Arabika Gayo",
        category="kopi-teh",
        group=aceh,
        price=75_000,
        variants=("250 g",),
        permit_number="P-IRT 1234567890123-26",
        halal_number="ID11110000123450925",
    )
    soap = shop_product(
        name="Sabun Propolis Sereh",
        category="sabun",
        group=bali,
        price=25_000,
        variants=("Sereh",),
        permit_number="BPOM NA18201200123",
    )
    return [bali, aceh], [coffee, soap]


def add_to_cart(page, live_server, product):
    page.goto(live_server.url + product.get_absolute_url())
    page.get_by_role("button", name="Masukkan ke keranjang").click()


def test_qris_order_from_two_groups_is_paid_in_the_browser(
    page, live_server, two_groups, midtrans, artifacts_dir
):
    groups, products = two_groups
    for product in products:
        add_to_cart(page, live_server, product)
    expect(page.locator(".badge")).to_have_text("2")
    page.goto(live_server.url + reverse("storefront:checkout"))
    page.get_by_label("Email").fill("komang@example.id")
    page.get_by_label("Nomor HP (untuk kurir)").fill("0812-3456-7801")
    page.get_by_label("Nama penerima").fill("Komang Ayu")
    page.get_by_label("Provinsi").select_option("51")
    expect(page.locator("#id_regency option[value='51.05']")).to_have_count(1)
    page.get_by_label("Kabupaten / kota").select_option(KLUNGKUNG)
    kecamatan = district(KLUNGKUNG)
    expect(page.locator(f"#id_district option[value='{kecamatan.code}']")).to_have_count(1)
    page.get_by_label("Kecamatan").select_option(kecamatan.code)
    page.get_by_label("Desa / kelurahan").fill("Semarapura Kelod")
    page.get_by_label("Jalan, nomor rumah, RT/RW").fill("Jl. Flamboyan No. 3, RT 001/RW 004")
    page.get_by_label("Kode pos").fill("80712")
    page.get_by_label("QRIS", exact=True).check()
    page.get_by_role("button", name="Hitung ongkos kirim").click()
    expect(page.locator(".box .shipment")).to_have_count(2)
    page.get_by_role("button", name="Buat pesanan").click()

    # the payment page: our own QR drawn from Midtrans' QR string, the amount, the countdown
    page.wait_for_url(re.compile(r"/payments/order/"))
    order = Order.objects.get()
    expect(page.locator("#qris-code svg")).to_be_visible()
    expect(page.locator("#amount-due")).to_have_text(re.compile(r"^Rp \d{1,3}(\.\d{3})+$"))
    expect(page.locator("#countdown")).to_have_text(re.compile(r"\(\d{2}:\d{2}\)"))
    page.screenshot(path=str(artifacts_dir / "qris-payment-360.png"), full_page=True)
    txn = order.payment_transactions.get()

    # the customer pays in their app; Midtrans posts "settlement" to our notification URL
    answer = midtrans.pay(
        str(txn.token), live_server.url + reverse("payments:midtrans_notification")
    )
    assert answer.status_code == 200 and answer.json()["outcome"] == "applied"

    # the page notices by itself (polling) and shows it paid
    expect(page.locator("#payment-status")).to_have_text(
        "Lunas. Terima kasih! Kelompok sedang menyiapkan pesanan Anda.", timeout=15_000
    )
    page.goto(live_server.url + reverse("storefront:order", args=[order.token]))
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED
    with translation.override("id"):
        paid_text = str(order.get_charge_status_display())
    expect(page.locator("main")).to_contain_text(paid_text)
    routed = OutboxMessage.objects.filter(event="fulfillment_routed")
    assert sorted(int(m.subject_id) for m in routed) == sorted(
        order.fulfillments.values_list("pk", flat=True)
    )
    assert {f.group_id for f in order.fulfillments.all()} == {g.pk for g in groups}
