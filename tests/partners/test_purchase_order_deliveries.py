import pytest

from marketplace.core.models import AuditEntry
from marketplace.groups.models import Partnership
from marketplace.partners.deliveries import (
    delivered_quantities,
    delivery_note_pdf,
    ship_purchase_order,
)
from marketplace.partners.errors import PartnerError
from marketplace.partners.models import PurchaseOrderShipment
from marketplace.partners.purchase_orders import LineRequest, create_purchase_order
from marketplace.partners.wholesale import set_wholesale_offer
from tests.factories.catalog import ProductVariantFactory
from tests.factories.groups import GroupMemberFactory
from tests.factories.partners import PartnerUserFactory

pytestmark = pytest.mark.django_db


def offered():
    variant = ProductVariantFactory(price=15_000)
    set_wholesale_offer(
        group_id=variant.product.group_id,
        variant_id=variant.pk,
        min_order_quantity=50,
        lead_time_days=7,
        monthly_capacity=500,
        tiers=[(50, 12_000), (100, 10_500)],
    )
    return variant


@pytest.fixture
def order():
    hotel = PartnerUserFactory(account__credit_limit=10_000_000)
    a, b = offered(), offered()
    return create_purchase_order(
        hotel.user, [LineRequest(a.pk, 100), LineRequest(b.pk, 100)], terms="net14"
    )


def test_purchase_order_shipped_in_two_parts_records_partnership(order):
    line_a, line_b = order.lines.all()
    ketua_a = GroupMemberFactory(group=line_a.group).user
    first = ship_purchase_order(
        ketua_a, group_id=line_a.group_id, order_id=order.pk, quantities={line_a.pk: 60}
    )
    assert first.number == f"SJ-{order.number[3:]}-01"
    assert not Partnership.objects.exists()
    ship_purchase_order(
        ketua_a, group_id=line_a.group_id, order_id=order.pk, quantities={line_a.pk: 40}
    )
    assert delivered_quantities(order) == {line_a.pk: 100}
    partnership = Partnership.objects.get()
    assert (partnership.group_id, partnership.partner_id) == (
        line_a.group_id,
        order.account.partner_id,
    )
    assert partnership.is_active and partnership.since is not None
    assert AuditEntry.objects.filter(action="partnership_from_purchase_order").count() == 1
    assert not Partnership.objects.filter(group_id=line_b.group_id).exists()


def test_purchase_order_group_shipping_another_groups_line_refused(order):
    line_a, line_b = order.lines.all()
    with pytest.raises(PartnerError) as error:
        ship_purchase_order(
            GroupMemberFactory(group=line_a.group).user,
            group_id=line_a.group_id,
            order_id=order.pk,
            quantities={line_b.pk: 10},
        )
    assert error.value.message == (
        "Anda hanya dapat mengirim baris milik kelompok Anda sendiri dari pesanan pembelian ini."
    )
    assert not PurchaseOrderShipment.objects.exists()


def test_purchase_order_shipping_more_than_ordered_refused(order):
    line_a = order.lines.first()
    user = GroupMemberFactory(group=line_a.group).user
    ship_purchase_order(
        user, group_id=line_a.group_id, order_id=order.pk, quantities={line_a.pk: 90}
    )
    with pytest.raises(PartnerError) as error:
        ship_purchase_order(
            user, group_id=line_a.group_id, order_id=order.pk, quantities={line_a.pk: 11}
        )
    assert error.value.message == f"Hanya 10 unit {line_a.variant.sku} yang tersisa untuk dikirim."
    assert PurchaseOrderShipment.objects.count() == 1


def test_purchase_order_delivery_note_pdf(order):
    line_a = order.lines.first()
    shipment = ship_purchase_order(
        GroupMemberFactory(group=line_a.group).user,
        group_id=line_a.group_id,
        order_id=order.pk,
        quantities={line_a.pk: 60},
    )
    pdf = delivery_note_pdf(shipment)
    assert pdf.startswith(b"%PDF-")
    assert shipment.number.encode() in pdf
    assert line_a.variant.sku.encode() in pdf
    assert b"Surat jalan" in pdf
