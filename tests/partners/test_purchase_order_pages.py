import pytest
from django.urls import reverse

from marketplace.catalog.models import Category
from marketplace.partners.models import PurchaseOrderShipment
from marketplace.partners.purchase_orders import LineRequest, create_purchase_order
from marketplace.partners.wholesale import set_wholesale_offer
from tests.factories.catalog import ProductVariantFactory
from tests.factories.groups import GroupMemberFactory
from tests.factories.partners import PartnerAccountFactory, PartnerUserFactory
from tests.factories.regions import ACEH_TENGAH, district

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    hotel = PartnerUserFactory(account__credit_limit=10_000_000)
    variants = []
    for _n in range(2):
        variant = ProductVariantFactory(price=15_000)
        set_wholesale_offer(
            group_id=variant.product.group_id,
            variant_id=variant.pk,
            min_order_quantity=50,
            lead_time_days=7,
            monthly_capacity=500,
            tiers=[(50, 12_000), (100, 10_500)],
        )
        variants.append(variant)
    return create_purchase_order(
        hotel.user, [LineRequest(v.pk, 100) for v in variants], terms="net14"
    )


def test_purchase_order_shipped_from_the_portal_with_delivery_note(client, order):
    line_a, line_b = order.lines.all()
    client.force_login(GroupMemberFactory(group=line_a.group).user)
    page = client.get(reverse("partners_portal:purchase_orders")).content.decode()
    assert order.number in page and "Terima pesanan pembelian" in page
    assert f"line_{line_a.pk}" not in page  # shipping comes after accepting
    response = client.post(reverse("partners_portal:accept", args=[order.pk]), follow=True)
    page = response.content.decode()
    assert "Pesanan pembelian diterima" in page and f"line_{line_a.pk}" in page
    assert f"line_{line_b.pk}" not in page  # the other group's line is not shown
    response = client.post(
        reverse("partners_portal:ship", args=[order.pk]), {f"line_{line_a.pk}": "60"}, follow=True
    )
    shipment = PurchaseOrderShipment.objects.get()
    assert f"Surat jalan {shipment.number} dibuat." in response.content.decode()
    pdf = client.get(reverse("partners_portal:delivery_note", args=[shipment.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    client.force_login(GroupMemberFactory(group=line_b.group).user)
    assert (
        client.get(reverse("partners_portal:delivery_note", args=[shipment.pk])).status_code == 404
    )
    response = client.post(
        reverse("partners_portal:ship", args=[order.pk]), {f"line_{line_a.pk}": "10"}, follow=True
    )
    assert "milik kelompok Anda sendiri" in response.content.decode()
    assert PurchaseOrderShipment.objects.count() == 1


def test_invoice_pdf_for_partner_users_only_404_for_another_partner(client, order):
    url = reverse("partners_storefront:invoice", args=[order.pk])
    client.force_login(order.account.users.get().user)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    client.force_login(PartnerUserFactory().user)
    assert client.get(url).status_code == 404


def test_partners_looking_for_the_groups_category_in_its_province(client):
    variant = ProductVariantFactory()
    group = variant.product.group
    wanted = PartnerAccountFactory(partner__name="Hotel Cari Anyaman")
    wanted.looking_for.set([variant.product.category])
    elsewhere = PartnerAccountFactory(partner__name="Koperasi Aceh", district=district(ACEH_TENGAH))
    elsewhere.looking_for.set([variant.product.category])
    other_category = PartnerAccountFactory(partner__name="Toko Kopi")
    other_category.looking_for.set(Category.objects.exclude(pk=variant.product.category_id)[:1])
    client.force_login(GroupMemberFactory(group=group).user)
    page = client.get(reverse("partners_portal:partners_wanted")).content.decode()
    assert "Hotel Cari Anyaman" in page
    assert "Koperasi Aceh" not in page and "Toko Kopi" not in page


def test_purchase_order_built_on_the_storefront_across_groups(client):
    hotel = PartnerUserFactory(account__credit_limit=5_000_000)
    variants = []
    for _n in range(2):
        variant = ProductVariantFactory(price=15_000)
        set_wholesale_offer(
            group_id=variant.product.group_id,
            variant_id=variant.pk,
            min_order_quantity=50,
            lead_time_days=7,
            monthly_capacity=500,
            tiers=[(50, 12_000), (100, 10_500)],
        )
        variants.append(variant)
    client.force_login(hotel.user)
    page = client.get(reverse("storefront:product", args=[variants[0].product.slug]))
    assert f'name="q_{variants[0].pk}"' in page.content.decode()
    for variant in variants:
        client.post(reverse("partners_storefront:draft_add"), {f"q_{variant.pk}": "100"})
    response = client.post(
        reverse("partners_storefront:purchase_orders"), {"terms": "net14"}, follow=True
    )
    order = hotel.account.purchase_orders.get()
    assert f"Pesanan pembelian {order.number} dikirim ke kelompok." in response.content.decode()
    assert order.total == 2_100_000
    assert {line.group_id for line in order.lines.all()} == {v.product.group_id for v in variants}
    client.post(reverse("partners_storefront:draft_add"), {f"q_{variants[0].pk}": "10"})
    response = client.post(
        reverse("partners_storefront:purchase_orders"), {"terms": "now"}, follow=True
    )
    assert "Pesanan minimum untuk" in response.content.decode()
    assert hotel.account.purchase_orders.count() == 1


def test_purchase_order_pages_404_for_consumers(client):
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("partners_storefront:purchase_orders")).status_code == 404


def test_purchase_order_page_for_its_partner_404_for_another_partners_user(client, order):
    url = reverse("partners_storefront:purchase_order", args=[order.pk])
    client.force_login(order.account.users.get().user)
    page = client.get(url).content.decode()
    assert order.number in page and "Tagihan (PDF)" in page
    assert page.count("Baru") >= 2  # each group's part, not yet accepted
    client.force_login(PartnerUserFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(GroupMemberFactory().user)  # not a partner at all
    assert client.get(url).status_code == 404
