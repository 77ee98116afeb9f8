"""Staff partner report pages: partnered groups over all groups per province and kabupaten
(a Bali-like 48 of 1,084 read from data), trade per partner kind, on-time delivery of POs, the
partner directory and partner invoices; province staff see their province only (404 elsewhere)."""

import pytest
from django.urls import reverse

from marketplace.groups.models import PartnerKind, Partnership, UppksGroup
from marketplace.partners.deliveries import ship_purchase_order
from marketplace.partners.models import PurchaseOrder
from marketplace.partners.purchase_orders import LineRequest, create_purchase_order
from marketplace.partners.wholesale import set_wholesale_offer
from marketplace.regions.models import Regency
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductVariantFactory
from tests.factories.curation import (
    NationalAdminFactory,
    ProvinceCuratorFactory,
    ProvinceViewerFactory,
    aceh_curator,
)
from tests.factories.groups import GroupMemberFactory, PartnerFactory, UppksGroupFactory
from tests.factories.partners import PartnerAccountFactory, PartnerUserFactory
from tests.factories.regions import ACEH_TENGAH, district, regency

pytestmark = pytest.mark.django_db


@pytest.fixture
def bali_1084():
    """1,084 active Bali groups over its kabupaten / kota, 48 with an active partnership."""
    regencies = list(Regency.objects.filter(province_id="51").order_by("code"))
    groups = UppksGroup.objects.bulk_create(
        [
            UppksGroup(
                code=f"BALI-{n:04d}",
                name=f"UPPKS Bali {n}",
                slug=f"uppks-bali-{n}",
                regency=regencies[n % len(regencies)],
                phone=f"+6281290{n:05d}",
                leader_name="Ni Luh",
            )
            for n in range(1084)
        ]
    )
    partner = PartnerFactory(name="PT Mitra BUMDes Nusantara", kind=PartnerKind.OFFTAKER)
    Partnership.objects.bulk_create(
        [Partnership(partner=partner, group=g, is_active=True) for g in groups[:48]]
    )
    inactive = PartnerFactory()
    Partnership.objects.bulk_create(
        [Partnership(partner=inactive, group=g, is_active=False) for g in groups[48:60]]
    )
    UppksGroupFactory(regency=regency(ACEH_TENGAH))  # Aceh, no partner
    return regencies


def test_partner_report_bali_48_of_1084_per_kabupaten(client, bali_1084):
    client.force_login(ProvinceViewerFactory())
    response = client.get(reverse("reports:partners"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "48 dari 1.084 kelompok punya mitra (4,4%)" in page
    regions = response.context["regions"]
    assert len(regions) == len(bali_1084)
    assert sum(r["groups"] for r in regions) == 1084
    assert sum(r["partnered"] for r in regions) == 48
    assert "Aceh" not in "".join(r["region"] for r in regions)


def test_partner_report_national_per_province_and_404_outside_scope(client, bali_1084):
    client.force_login(NationalAdminFactory())
    response = client.get(reverse("reports:partners"))
    by_code = {r["code"]: r for r in response.context["regions"]}
    assert (by_code["51"]["groups"], by_code["51"]["partnered"]) == (1084, 48)
    assert (by_code["11"]["groups"], by_code["11"]["partnered"]) == (1, 0)
    assert "?province=51" in response.content.decode()
    assert client.get(reverse("reports:partners"), {"province": "51"}).context["total"] == {
        "groups": 1084,
        "partnered": 48,
        "percent": 4.4,
    }
    client.force_login(aceh_curator())
    assert client.get(reverse("reports:partners"), {"province": "51"}).status_code == 404
    assert client.get(reverse("reports:partner_directory"), {"province": "51"}).status_code == 404
    client.force_login(UserFactory())
    response = client.get(reverse("reports:partners"))
    assert response.status_code in (302, 404) and b"1.084" not in response.content


def _po_delivered(buyer, quantity=50):
    variant = ProductVariantFactory(price=15_000)
    set_wholesale_offer(
        group_id=variant.product.group_id,
        variant_id=variant.pk,
        min_order_quantity=50,
        lead_time_days=7,
        monthly_capacity=500,
        tiers=[(50, 12_000)],
    )
    order = create_purchase_order(buyer.user, [LineRequest(variant.pk, quantity)], terms="net14")
    line = order.lines.get()
    ship_purchase_order(
        GroupMemberFactory(group=line.group).user,
        group_id=line.group_id,
        order_id=order.pk,
        quantities={line.pk: quantity},
    )
    return order


def test_partner_report_trade_per_partner_kind_and_on_time_delivery(client):
    hotel = PartnerUserFactory(
        account__partner__name="Hotel Nusa Dua", account__partner__kind=PartnerKind.HOTEL
    )
    bumdes = PartnerUserFactory(account__partner__kind=PartnerKind.BUMDES)
    _po_delivered(hotel, 100)
    _po_delivered(bumdes, 50)
    client.force_login(ProvinceCuratorFactory())
    response = client.get(reverse("reports:partners"))
    assert response.context["trade"] == [
        {"kind": PartnerKind.HOTEL.label, "total": 1_200_000},
        {"kind": PartnerKind.BUMDES.label, "total": 600_000},
    ]
    page = response.content.decode()
    assert "Rp 1.200.000" in page and "Rp 1.800.000" in page
    assert (response.context["on_time"], response.context["delivered"]) == (2, 2)
    assert "2 dari 2 baris terkirim tiba dalam waktu siap" in page
    client.force_login(aceh_curator())
    response = client.get(reverse("reports:partners"))
    assert response.context["trade"] == [] and response.context["delivered"] == 0


def test_partner_directory_for_staff_scoped_to_province(client):
    hotel = PartnerUserFactory(
        account__partner__name="Hotel Nusa Dua", account__partner__kind=PartnerKind.HOTEL
    )
    _po_delivered(hotel, 100)
    PartnerAccountFactory(
        partner__name="Koperasi Gayo", district=district(ACEH_TENGAH), status="pending"
    )
    client.force_login(ProvinceCuratorFactory())
    response = client.get(reverse("reports:partner_directory"))
    page = response.content.decode()
    assert "Hotel Nusa Dua" in page and "Koperasi Gayo" not in page
    account = response.context["accounts"][0]
    assert (account.trade, account.partnered_groups) == (1_200_000, 1)
    assert "Rp 1.200.000" in page
    client.force_login(NationalAdminFactory())
    page = client.get(reverse("reports:partner_directory")).content.decode()
    assert "Hotel Nusa Dua" in page and "Koperasi Gayo" in page and "Menunggu" in page


def test_invoice_payment_recorded_by_staff_page_scoped(client):
    hotel = PartnerUserFactory()
    order = _po_delivered(hotel, 50)
    number = "INV-" + order.number[3:]
    client.force_login(aceh_curator())
    assert number not in client.get(reverse("reports:partner_invoices")).content.decode()
    response = client.post(
        reverse("reports:partner_invoices"),
        {"order": order.pk, "amount": "600000", "reference": "BCA 1"},
    )
    assert response.status_code == 404
    client.force_login(ProvinceViewerFactory())
    response = client.post(
        reverse("reports:partner_invoices"),
        {"order": order.pk, "amount": "600000", "reference": "BCA 1"},
    )
    assert response.status_code == 404  # viewers only look
    client.force_login(ProvinceCuratorFactory())
    page = client.get(reverse("reports:partner_invoices")).content.decode()
    assert number in page and "Catat transfer bank" in page
    response = client.post(
        reverse("reports:partner_invoices"),
        {"order": order.pk, "amount": "500000", "reference": "BCA 1"},
        follow=True,
    )
    assert "Rp 600.000" in response.content.decode()
    assert PurchaseOrder.objects.get().paid_at is None
    response = client.post(
        reverse("reports:partner_invoices"),
        {"order": order.pk, "amount": "600.000", "reference": "BCA 1"},
        follow=True,
    )
    assert f"Pembayaran tagihan {number} dicatat." in response.content.decode()
    assert PurchaseOrder.objects.get().paid_at is not None
