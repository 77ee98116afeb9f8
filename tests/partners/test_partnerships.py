from datetime import date, timedelta

import pytest
from django.utils import timezone

from marketplace.groups.models import Partnership
from marketplace.partners.deliveries import ship_purchase_order
from marketplace.partners.errors import PartnerError
from marketplace.partners.models import PartnershipAgreement, PurchaseOrderShipment
from marketplace.partners.partnerships import enter_agreement, refresh_partnerships
from marketplace.partners.purchase_orders import LineRequest, create_purchase_order
from marketplace.partners.wholesale import set_wholesale_offer
from tests.factories.catalog import ProductVariantFactory
from tests.factories.curation import ProvinceCuratorFactory
from tests.factories.groups import GroupMemberFactory, PartnershipFactory, UppksGroupFactory
from tests.factories.partners import PartnerAccountFactory, PartnerUserFactory
from tests.factories.regions import regency

pytestmark = pytest.mark.django_db


def test_partnership_agreement_entered_by_province_staff():
    account = PartnerAccountFactory()
    group = UppksGroupFactory()
    staff = ProvinceCuratorFactory()
    today = timezone.localdate()
    agreement = enter_agreement(
        staff,
        partner_id=account.partner_id,
        group_id=group.pk,
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=355),
        volume="500 sabun / bulan",
        price="Rp 10.000 / buah",
    )
    partnership = Partnership.objects.get()
    assert agreement.partnership == partnership and partnership.is_active
    aceh_group = UppksGroupFactory(regency=regency("11.04"))
    with pytest.raises(PartnerError):
        enter_agreement(
            staff,
            partner_id=account.partner_id,
            group_id=aceh_group.pk,
            starts_on=today,
            ends_on=today,
            volume="1",
        )
    with pytest.raises(PartnerError) as error:
        enter_agreement(
            staff,
            partner_id=account.partner_id,
            group_id=group.pk,
            starts_on=today,
            ends_on=today - timedelta(days=1),
            volume="1",
        )
    assert error.value.message == "Perjanjian berakhir sebelum dimulai."
    assert PartnershipAgreement.objects.count() == 1


def test_partnership_active_while_traded_in_12_months_or_under_agreement():
    hotel = PartnerUserFactory(account__credit_limit=0)
    variant = ProductVariantFactory(price=15_000)
    group = variant.product.group
    set_wholesale_offer(
        group_id=group.pk,
        variant_id=variant.pk,
        min_order_quantity=50,
        lead_time_days=7,
        monthly_capacity=500,
        tiers=[(50, 12_000)],
    )
    order = create_purchase_order(hotel.user, [LineRequest(variant.pk, 50)], terms="now")
    line = order.lines.get()
    ship_purchase_order(
        GroupMemberFactory(group=group).user,
        group_id=group.pk,
        order_id=order.pk,
        quantities={line.pk: 50},
    )
    partnership = Partnership.objects.get()
    assert partnership.is_active
    hand_entered = PartnershipFactory(is_active=True)
    today = timezone.localdate()
    assert refresh_partnerships(today=today) == 0
    PurchaseOrderShipment.objects.update(created_at=timezone.now() - timedelta(days=400))
    assert refresh_partnerships(today=today) == 1
    partnership.refresh_from_db()
    hand_entered.refresh_from_db()
    assert not partnership.is_active
    assert hand_entered.is_active  # no trade, no agreement: left as staff recorded it
    PartnershipAgreement.objects.create(
        partnership=partnership,
        starts_on=today,
        ends_on=date(today.year + 1, 1, 1),
        volume="100",
        entered_by=ProvinceCuratorFactory(),
    )
    assert refresh_partnerships(today=today) == 1
    partnership.refresh_from_db()
    assert partnership.is_active
