from decimal import Decimal

import pytest

from marketplace.orders.models import Fulfillment, FulfillmentStatus, OrderLine
from marketplace.settlement.models import AccountKind, LedgerEntry
from marketplace.settlement.payouts import mark_batch_paid, run_payouts
from marketplace.settlement.postings import (
    post_fulfillment_delivered,
    post_fulfillment_reversed,
    post_payment_confirmed,
)
from marketplace.settlement.reconciliation import ledger_problems
from tests.factories.groups import UppksGroupFactory
from tests.factories.settlement import PayoutAccountFactory, balances, paid_order, system_balance

pytestmark = pytest.mark.django_db


def test_rejection_reverses_the_groups_share_shipping_and_commission():
    # given
    mawar, melati = UppksGroupFactory(), UppksGroupFactory()
    order = paid_order({mawar: [100_000, 20_000], melati: [50_000]}, shipping=9_000, percent="10")
    post_payment_confirmed(order)
    # when
    post_fulfillment_reversed(order.fulfillments.get(group=mawar))
    # then
    assert balances(mawar)[AccountKind.PENDING] == 0
    assert balances(melati)[AccountKind.PENDING] == 45_000 + 9_000
    assert system_balance(AccountKind.COMMISSION) == 5_000
    assert system_balance(AccountKind.CLEARING) == 59_000


def test_refund_of_one_line_reverses_only_that_line():
    group = UppksGroupFactory()
    order = paid_order({group: [100_000, 20_000]}, shipping=9_000, percent="10")
    post_payment_confirmed(order)
    first_line = order.lines.get(total_price=100_000)

    post_fulfillment_reversed(order.fulfillments.get(), order_lines=[first_line])

    assert balances(group)[AccountKind.PENDING] == 18_000 + 9_000
    assert system_balance(AccountKind.COMMISSION) == 2_000


def test_reversing_the_same_line_twice_reverses_it_once():
    group = UppksGroupFactory()
    order = paid_order({group: [100_000, 20_000]}, shipping=9_000, percent="10")
    post_payment_confirmed(order)
    fulfillment, line = order.fulfillments.get(), order.lines.get(total_price=100_000)
    post_fulfillment_reversed(fulfillment, order_lines=[line])
    entries = LedgerEntry.objects.count()

    post_fulfillment_reversed(fulfillment, order_lines=[line])
    post_fulfillment_reversed(fulfillment)  # the rest, then everything again
    post_fulfillment_reversed(fulfillment)

    assert LedgerEntry.objects.count() == entries + 3 + 2
    assert balances(group)[AccountKind.PENDING] == 0
    assert system_balance(AccountKind.COMMISSION) == 0
    assert system_balance(AccountKind.CLEARING) == 0


def test_refund_after_delivery_comes_off_payable():
    group = UppksGroupFactory()
    order = paid_order({group: [100_000]}, shipping=0, percent="10")
    post_payment_confirmed(order)
    fulfillment = order.fulfillments.get()
    post_fulfillment_delivered(fulfillment)

    post_fulfillment_reversed(fulfillment)

    assert balances(group) == {
        AccountKind.PENDING: 0,
        AccountKind.PAYABLE: 0,
        AccountKind.IN_TRANSFER: 0,
        AccountKind.PAID: 0,
        AccountKind.RECOVERABLE: 0,
    }


def test_refund_after_payout_is_owed_back_and_set_off_against_the_next_payout():
    # given a group paid 90,000 for an order that is then refunded
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    first = paid_order({group: [100_000]}, shipping=0, percent="10")
    post_payment_confirmed(first)
    post_fulfillment_delivered(first.fulfillments.get())
    mark_batch_paid(run_payouts(minimum=1).pk, actor=None)
    # when
    post_fulfillment_reversed(first.fulfillments.get())
    # then the group owes it back, and its next sale pays that first
    assert balances(group)[AccountKind.RECOVERABLE] == 90_000
    assert balances(group)[AccountKind.PAID] == 90_000
    second = paid_order({group: [200_000]}, shipping=0, percent="10")
    post_payment_confirmed(second)
    post_fulfillment_delivered(second.fulfillments.get())
    batch = run_payouts(minimum=1)
    assert batch.lines.get().amount == 180_000 - 90_000
    assert balances(group)[AccountKind.RECOVERABLE] == 0
    assert balances(group)[AccountKind.PAYABLE] == 0


def test_reversal_of_an_unpaid_order_posts_nothing():
    group = UppksGroupFactory()
    order = paid_order({group: [100_000]}, shipping=0)

    post_fulfillment_reversed(order.fulfillments.get())

    assert not LedgerEntry.objects.exists()


def test_rejected_lines_rerouted_to_another_group_are_credited_to_that_group():
    # given: group A is paid for two lines, then rejects; orders re-routes one line to group B
    a, b = UppksGroupFactory(), UppksGroupFactory()
    order = paid_order({a: [100_000, 40_000]}, shipping=9_000, percent="10")
    post_payment_confirmed(order)
    rejected = order.fulfillments.get(group=a)
    rejected.status = FulfillmentStatus.REJECTED
    rejected.save()
    moved, canceled = order.lines.order_by("pk")
    Fulfillment.objects.create(order=order, group=b, shipping_price=12_000)
    moved.group, moved.commission_percent = b, Decimal("5")
    moved.save()
    canceled.is_canceled = True
    canceled.save()
    # when
    post_fulfillment_reversed(rejected)
    post_fulfillment_reversed(rejected)
    # then
    assert balances(a)[AccountKind.PENDING] == 0
    assert balances(b)[AccountKind.PENDING] == 95_000 + 12_000
    assert system_balance(AccountKind.COMMISSION) == 5_000
    assert system_balance(AccountKind.CLEARING) == 100_000 + 12_000
    assert ledger_problems() == []


def test_the_new_group_can_reject_rerouted_lines_too():
    a, b = UppksGroupFactory(), UppksGroupFactory()
    order = paid_order({a: [100_000]}, shipping=9_000, percent="10")
    post_payment_confirmed(order)
    first = order.fulfillments.get(group=a)
    first.status = FulfillmentStatus.REJECTED
    first.save()
    line = order.lines.get()
    second = Fulfillment.objects.create(order=order, group=b, shipping_price=9_000)
    line.group = b
    line.save()
    post_fulfillment_reversed(first)

    second.status = FulfillmentStatus.REJECTED
    second.save()
    OrderLine.objects.filter(pk=line.pk).update(is_canceled=True)
    post_fulfillment_reversed(second)

    assert balances(a)[AccountKind.PENDING] == 0
    assert balances(b)[AccountKind.PENDING] == 0
    assert system_balance(AccountKind.CLEARING) == 0
    assert system_balance(AccountKind.COMMISSION) == 0
