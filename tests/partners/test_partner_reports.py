from datetime import timedelta

import pytest

from marketplace.groups.models import PartnerKind
from marketplace.partners.deliveries import ship_purchase_order
from marketplace.partners.models import PurchaseOrder, PurchaseOrderShipment
from marketplace.partners.purchase_orders import LineRequest, create_purchase_order
from marketplace.partners.reports import on_time_delivery, partnership_rate, trade_per_partner_kind
from marketplace.partners.wholesale import set_wholesale_offer
from tests.factories.catalog import ProductVariantFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.partners import PartnerUserFactory

pytestmark = pytest.mark.django_db


def test_partner_reports_trade_on_time_and_partnership_rate():
    hotel = PartnerUserFactory(account__partner__kind=PartnerKind.HOTEL)
    variants = []
    for _n in range(2):
        variant = ProductVariantFactory(price=15_000)
        set_wholesale_offer(
            group_id=variant.product.group_id,
            variant_id=variant.pk,
            min_order_quantity=50,
            lead_time_days=7,
            monthly_capacity=500,
            tiers=[(50, 12_000)],
        )
        variants.append(variant)
    UppksGroupFactory.create_batch(3)  # Klungkung groups without partners
    before = {r["regency"]: r for r in partnership_rate("51")}
    order = create_purchase_order(
        hotel.user, [LineRequest(v.pk, 50) for v in variants], terms="now"
    )
    assert trade_per_partner_kind() == {"hotel": 1_200_000}
    assert trade_per_partner_kind(province_code="11") == {}
    late, early = order.lines.all()
    for line in (late, early):
        ship_purchase_order(
            GroupMemberFactory(group=line.group).user,
            group_id=line.group_id,
            order_id=order.pk,
            quantities={line.pk: 50},
        )
    PurchaseOrder.objects.filter(pk=order.pk).update(
        created_at=order.created_at - timedelta(days=5)
    )
    PurchaseOrderShipment.objects.filter(group=late.group).update(
        created_at=order.created_at + timedelta(days=3)
    )
    assert on_time_delivery() == (1, 2)
    after = {r["regency"]: r for r in partnership_rate("51")}
    klungkung = "Kabupaten Klungkung"
    assert after[klungkung]["groups"] == before[klungkung]["groups"] == 5
    assert (before[klungkung]["partnered"], after[klungkung]["partnered"]) == (0, 2)
