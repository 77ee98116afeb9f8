"""Search → product → two variants from two groups → checkout → confirmation, in Chromium."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from marketplace.orders.models import Order
from tests.factories.catalog import ProductMediaFactory
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, KLUNGKUNG, district, regency
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.e2e


@pytest.fixture
def shop(live_server):
    bali = UppksGroupFactory(name="UPPKS Mawar Klungkung")
    aceh = UppksGroupFactory(name="UPPKS Kopi Gayo", regency=regency(ACEH_TENGAH))
    coffee = shop_product(
        name="Kopi Arabika Gayo",
        category="kopi-teh",
        group=aceh,
        price=75_000,
        variants=("250 g", "500 g"),
        permit_number="P-IRT 1234567890123-26",
        halal_number="ID11110000123450925",
    )
    soap = shop_product(
        name="Sabun Propolis Sereh",
        category="sabun",
        group=bali,
        price=25_000,
        variants=("Sereh", "Mawar"),
        permit_number="BPOM NA18201200123",
    )
    ProductMediaFactory(product=coffee, alt="Bungkus kopi Gayo")
    return {"coffee": coffee, "soap": soap}


def search_and_open(page, live_server, text, product_name):
    page.goto(live_server.url + reverse("storefront:home"))
    page.get_by_label("Cari produk").fill(text)
    page.get_by_role("button", name="Cari", exact=True).click()
    page.get_by_role("link", name=product_name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(product_name)


def test_buying_from_two_groups_ends_with_two_shipments(page, live_server, shop, artifacts_dir):
    search_and_open(page, live_server, "kopi gayoo", "Kopi Arabika Gayo")
    page.get_by_label(re.compile("^500 g")).check()
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    expect(page.locator(".badge")).to_have_text("1")

    search_and_open(page, live_server, "sabun propolis", "Sabun Propolis Sereh")
    page.get_by_label(re.compile("^Mawar")).check()
    page.get_by_label("Jumlah").fill("2")
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    expect(page.locator(".badge")).to_have_text("3")
    expect(page.locator("section.shipment")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="Lanjut ke checkout").click()
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
    page.get_by_label("Transfer bank").check()
    page.get_by_role("button", name="Hitung ongkos kirim").click()
    expect(page.locator(".box .shipment")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts_dir / "checkout-360.png"), full_page=True)
    page.get_by_role("button", name="Buat pesanan").click()

    page.wait_for_url(re.compile(r"/(pesanan|payments)/"))
    order = Order.objects.get()
    page.goto(live_server.url + reverse("storefront:order", args=[order.token]))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pesanan #{order.number}")
    shipments = page.locator("section.shipment")
    expect(shipments).to_have_count(2)
    expect(shipments.filter(has_text="UPPKS Kopi Gayo")).to_contain_text("1 × Kopi Arabika Gayo")
    expect(shipments.filter(has_text="UPPKS Mawar Klungkung")).to_contain_text(
        "2 × Sabun Propolis Sereh"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts_dir / "order-confirmation-360.png"), full_page=True)


def test_product_page_at_360px_has_no_horizontal_scroll(page, live_server, shop, artifacts_dir):
    page.goto(live_server.url + shop["coffee"].get_absolute_url())
    image = page.get_by_role("img", name="Bungkus kopi Gayo")
    expect(image).to_have_attribute("width", "480")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert image.evaluate("img => img.complete && img.naturalWidth") == 480
    expect(page.get_by_text("Halal: ID11110000123450925")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "storefront-product-360.png"), full_page=True)
    assert (artifacts_dir / "storefront-product-360.png").stat().st_size > 0


def test_listing_at_360px_has_no_horizontal_scroll(page, live_server, shop, artifacts_dir):
    page.goto(live_server.url + reverse("storefront:products"))
    expect(page.locator("li.card")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts_dir / "storefront-listing-360.png"), full_page=True)
