from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from marketplace.orders.models import FulfillmentStatus
from marketplace.settlement.models import AccountKind, LedgerEntry, LedgerTransaction
from marketplace.settlement.postings import post_fulfillment_delivered, post_payment_confirmed
from marketplace.settlement.tasks import release_shipped_fulfillments
from tests.factories.groups import UppksGroupFactory
from tests.factories.settlement import balances, paid_order

pytestmark = pytest.mark.django_db


def test_delivery_moves_only_that_fulfillments_share_to_payable():
    # given
    mawar, melati = UppksGroupFactory(), UppksGroupFactory()
    order = paid_order({mawar: [100_000], melati: [50_000]}, shipping=10_000, percent="10")
    post_payment_confirmed(order)
    fulfillment = order.fulfillments.get(group=mawar)
    # when
    post_fulfillment_delivered(fulfillment)
    # then
    assert balances(mawar)[AccountKind.PENDING] == 0
    assert balances(mawar)[AccountKind.PAYABLE] == 100_000
    assert balances(melati)[AccountKind.PENDING] == 55_000
    assert balances(melati)[AccountKind.PAYABLE] == 0


def test_delivering_twice_moves_the_money_once():
    group = UppksGroupFactory()
    order = paid_order({group: [100_000]}, shipping=0, percent="10")
    post_payment_confirmed(order)
    fulfillment = order.fulfillments.get()
    post_fulfillment_delivered(fulfillment)
    entries = LedgerEntry.objects.count()

    post_fulfillment_delivered(fulfillment)

    assert LedgerEntry.objects.count() == entries
    assert balances(group)[AccountKind.PAYABLE] == 90_000


def test_delivery_before_payment_posts_nothing_until_the_payment_arrives():
    group = UppksGroupFactory()
    order = paid_order({group: [100_000]}, shipping=0, percent="10")
    fulfillment = order.fulfillments.get()

    post_fulfillment_delivered(fulfillment)

    assert not LedgerTransaction.objects.exists()
    fulfillment.status = FulfillmentStatus.DELIVERED
    fulfillment.save()
    post_payment_confirmed(order)
    assert balances(group)[AccountKind.PAYABLE] == 90_000


@override_settings(SETTLEMENT_RELEASE_AFTER_SHIPPED_DAYS=7)
def test_share_becomes_payable_seven_days_after_shipping_without_delivery():
    group = UppksGroupFactory()
    late, recent = (paid_order({group: [100_000]}, shipping=0, percent="10") for _ in range(2))
    for order in (late, recent):
        post_payment_confirmed(order)
    now = timezone.now()
    late.fulfillments.update(status=FulfillmentStatus.SHIPPED, shipped_at=now - timedelta(days=8))
    recent.fulfillments.update(status=FulfillmentStatus.SHIPPED, shipped_at=now - timedelta(days=6))

    released = release_shipped_fulfillments()

    assert released == 1
    assert balances(group)[AccountKind.PAYABLE] == 90_000
    assert balances(group)[AccountKind.PENDING] == 90_000
    assert release_shipped_fulfillments() == 0
