"""A hotel in Badung orders 200 propolis soaps from two groups on net 14, in Chromium: each
group accepts and ships in two parts (two surat jalan each), the invoice is issued and paid by
bank transfer, the groups' payable balances are right and the Bali report's partnership rate
goes up."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from marketplace.groups.models import PartnerKind
from marketplace.partners.models import PurchaseOrder, PurchaseOrderShipment
from marketplace.partners.wholesale import set_wholesale_offer
from marketplace.settlement.statements import group_balances
from tests.factories.curation import ProvinceCuratorFactory
from tests.factories.groups import GroupMemberFactory, PartnershipFactory, UppksGroupFactory
from tests.factories.partners import PartnerUserFactory
from tests.factories.regions import GIANYAR, district, regency
from tests.factories.storefront import shop_product
from tests.fixtures.browser import PHONE_VIEWPORT

pytestmark = pytest.mark.e2e

BADUNG = "51.03"


@pytest.fixture
def wholesale_bali(live_server):
    groups = [
        UppksGroupFactory(name="UPPKS Lebah Madu Badung", regency=regency(BADUNG)),
        UppksGroupFactory(name="UPPKS Sekar Gianyar", regency=regency(GIANYAR)),
    ]
    soaps = []
    for group in groups:
        product = shop_product(
            name=f"Sabun Propolis {group.name[6:]}",
            category="sabun",
            group=group,
            price=15_000,
            quantity=500,
            variants=("Propolis",),
        )
        variant = product.variants.get()
        set_wholesale_offer(
            group_id=group.pk,
            variant_id=variant.pk,
            min_order_quantity=50,
            lead_time_days=7,
            monthly_capacity=400,
            tiers=[(50, 12_000), (100, 10_500)],
        )
        soaps.append(product)
    UppksGroupFactory.create_batch(9, regency=regency(BADUNG))  # Bali groups without a partner
    PartnershipFactory(group=UppksGroupFactory(regency=regency(GIANYAR)))
    hotel = PartnerUserFactory(
        account__partner__name="Hotel Segara Kuta",
        account__partner__kind=PartnerKind.HOTEL,
        account__district=district(BADUNG),
        account__credit_limit=5_000_000,
        user__email="pembelian@segarakuta.example.id",
    )
    members = [GroupMemberFactory(group=group).user for group in groups]
    return {"groups": groups, "soaps": soaps, "hotel": hotel, "members": members}


def browser_as(browser, live_server, user):
    """A phone-sized Chromium context signed in as ``user`` (session made by Django's client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def partnership_rate(page, live_server) -> str:
    page.goto(live_server.url + reverse("reports:partners"))
    return page.locator("#partnership-rate").inner_text()


def test_hotel_purchase_order_net_14_two_groups_partial_deliveries_invoice_paid(
    browser, live_server, wholesale_bali, artifacts_dir
):
    hotel, soaps = wholesale_bali["hotel"], wholesale_bali["soaps"]
    staff = browser_as(browser, live_server, ProvinceCuratorFactory())
    staff_page = staff.new_page()
    assert partnership_rate(staff_page, live_server).startswith("1 dari 12 kelompok punya mitra")

    # The hotel's buyer orders 100 soaps of each group from the product pages, on net 14.
    buyer = browser_as(browser, live_server, hotel.user)
    page = buyer.new_page()
    for soap in soaps:
        page.goto(live_server.url + soap.get_absolute_url())
        box = page.locator("#wholesale")
        expect(box).to_contain_text("Harga grosir untuk mitra")
        expect(box).to_contain_text("Rp 10.500")
        box.locator(f"#q{soap.variants.get().pk}").fill("100")
        box.get_by_role("button", name="Tambahkan ke pesanan pembelian").click()
        expect(page.get_by_text("Ditambahkan ke pesanan pembelian Anda.")).to_be_visible()
    page.get_by_label("Pembayaran").select_option(label="Tagihan, tempo 14 hari")
    page.get_by_role("button", name="Kirim pesanan pembelian").click()
    order = PurchaseOrder.objects.get()
    expect(
        page.get_by_text(f"Pesanan pembelian {order.number} dikirim ke kelompok.")
    ).to_be_visible()
    assert (order.total, order.terms) == (2_100_000, "net14")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"]

    # Each group accepts in the portal and ships in two parts, each with a surat jalan.
    for member, group in zip(wholesale_bali["members"], wholesale_bali["groups"], strict=True):
        line = order.lines.get(group=group)
        portal = browser_as(browser, live_server, member)
        ketua = portal.new_page()
        ketua.goto(live_server.url + reverse("partners_portal:purchase_orders"))
        card = ketua.locator(f"[data-order='{order.number}']")
        expect(card).to_contain_text("Hotel Segara Kuta")
        card.get_by_role("button", name="Terima pesanan pembelian").click()
        expect(ketua.get_by_text("Pesanan pembelian diterima")).to_be_visible()
        for quantity in ("60", "40"):
            ketua.locator(f"#l{line.pk}").fill(quantity)
            ketua.get_by_role("button", name="Kirim (buat surat jalan)").click()
            expect(ketua.get_by_text(re.compile(r"Surat jalan SJ-.* dibuat\."))).to_be_visible()
        notes = ketua.locator(f"[data-order='{order.number}'] a", has_text="SJ-")
        expect(notes).to_have_count(2)
        pdf = ketua.request.get(live_server.url + notes.first.get_attribute("href"))
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF-") and b"Hotel Segara Kuta" in pdf.body()
        ketua.screenshot(path=str(artifacts_dir / f"po-portal-{group.pk}.png"), full_page=True)
        balance = ketua.goto(live_server.url + reverse("settlement_portal:balance"))
        assert balance.ok
        expect(ketua.locator("[data-balance='payable']")).to_have_text("Rp 0")
        expect(ketua.locator("[data-balance='pending']")).to_have_text("Rp 997.500")
        portal.close()
    assert PurchaseOrderShipment.objects.filter(purchase_order=order).count() == 4

    # The invoice is issued to the hotel (PDF, due in 14 days) ...
    page.goto(live_server.url + reverse("partners_storefront:purchase_orders"))
    invoice_link = page.get_by_role("link", name="Tagihan (PDF)")
    invoice = page.request.get(live_server.url + invoice_link.get_attribute("href"))
    number = "INV-" + order.number[3:]
    assert invoice.headers["content-type"] == "application/pdf"
    assert number.encode() in invoice.body() and b"Rp 2.100.000" in invoice.body()
    buyer.close()

    # ... and paid by bank transfer, which staff record.
    staff_page.goto(live_server.url + reverse("reports:partner_invoices"))
    row = staff_page.locator(f"[data-invoice='{number}']")
    row.get_by_label("Jumlah diterima (Rp)").fill("2.100.000")
    row.get_by_label("Referensi transfer").fill("BCA 0412 SEGARA")
    row.get_by_role("button", name="Catat transfer bank").click()
    expect(staff_page.get_by_text(f"Pembayaran tagihan {number} dicatat.")).to_be_visible()

    # Each group's share (lines less the 5% commission) is now payable, nothing left pending.
    assert settings.MARKETPLACE_DEFAULT_COMMISSION_PERCENT == 5
    for member, group in zip(wholesale_bali["members"], wholesale_bali["groups"], strict=True):
        assert group_balances(group)["payable"] == 997_500
        assert group_balances(group)["pending"] == 0
        portal = browser_as(browser, live_server, member)
        ketua = portal.new_page()
        ketua.goto(live_server.url + reverse("settlement_portal:balance"))
        expect(ketua.locator("[data-balance='payable']")).to_have_text("Rp 997.500")
        portal.close()

    # The Bali report's partnership rate goes up: both groups now have the hotel as partner.
    assert partnership_rate(staff_page, live_server).startswith("3 dari 12 kelompok punya mitra")
    staff_page.screenshot(path=str(artifacts_dir / "po-partnership-rate.png"), full_page=True)
    staff.close()
