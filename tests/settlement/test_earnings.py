from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.settlement.earnings import earnings_by_group, earnings_by_regency
from marketplace.settlement.postings import post_fulfillment_reversed, post_payment_confirmed
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, regency
from tests.factories.settlement import paid_order

pytestmark = pytest.mark.django_db


def test_earnings_per_group_and_kabupaten_are_net_of_refunds():
    bali_a, bali_b = UppksGroupFactory(name="A Bali"), UppksGroupFactory(name="B Bali")
    aceh = UppksGroupFactory(regency=regency(ACEH_TENGAH))
    order = paid_order({bali_a: [100_000, 20_000], aceh: [50_000]}, shipping=0, percent="10")
    post_payment_confirmed(order)
    post_fulfillment_reversed(
        order.fulfillments.get(group=bali_a), order_lines=[order.lines.get(total_price=20_000)]
    )
    post_payment_confirmed(paid_order({bali_b: [10_000]}, shipping=5_000, percent="0"))
    since, until = timezone.now() - timedelta(days=1), timezone.now() + timedelta(days=1)

    by_group = earnings_by_group(since, until, province_code="51")
    by_regency = earnings_by_regency(since, until)

    assert [(row["group_id"], row["earned"], row["commission"]) for row in by_group] == [
        (bali_a.pk, 90_000, 10_000),
        (bali_b.pk, 15_000, 0),
    ]
    assert [(r["group__regency_id"], r["earned"], r["groups"]) for r in by_regency] == [
        ("51.05", 105_000, 2),
        (ACEH_TENGAH, 45_000, 1),
    ]
