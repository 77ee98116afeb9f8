"""Cash on delivery: the commission a group owes is netted from its next payout."""

from decimal import Decimal

import pytest

from marketplace.orders.models import FulfillmentStatus
from marketplace.settlement.models import AccountKind, LedgerAccount, PayoutLine
from marketplace.settlement.payouts import run_payouts
from marketplace.settlement.postings import (
    post_cod_delivered,
    post_fulfillment_delivered,
    post_payment_confirmed,
)
from marketplace.settlement.reconciliation import ledger_problems
from tests.factories.groups import UppksGroupFactory
from tests.factories.settlement import PayoutAccountFactory, paid_order

pytestmark = pytest.mark.django_db


def delivered(order):
    fulfillment = order.fulfillments.get()
    fulfillment.status = FulfillmentStatus.DELIVERED
    fulfillment.save(update_fields=["status"])
    return fulfillment


def test_cod_commission_is_netted_from_the_next_payout():
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    card = paid_order({group: [200_000]}, shipping=10_000, percent=Decimal("10"))
    post_payment_confirmed(card)
    post_fulfillment_delivered(delivered(card))  # payable: 180.000 + 10.000
    cod = paid_order({group: [100_000]}, shipping=10_000, percent=Decimal("10"))
    cod.payment_method, cod.total_charged = "cod", 0
    cod.save(update_fields=["payment_method", "total_charged"])
    post_cod_delivered(delivered(cod))  # the group kept 110.000 cash; owes 10.000
    recoverable = LedgerAccount.objects.get(group=group, kind=AccountKind.RECOVERABLE)
    assert recoverable.normal_balance == 10_000
    # when
    run_payouts(minimum=1)
    # then
    assert PayoutLine.objects.get(group=group).amount == 180_000
    recoverable.refresh_from_db()
    assert recoverable.normal_balance == 0
    assert ledger_problems() == []


def test_cod_delivery_credits_nothing_payable():
    group = UppksGroupFactory()
    cod = paid_order({group: [100_000, 50_000]}, shipping=9_000, percent=Decimal("12.5"))
    cod.payment_method = "cod"
    cod.save(update_fields=["payment_method"])
    post_cod_delivered(delivered(cod))
    post_cod_delivered(cod.fulfillments.get())  # a replay posts nothing more
    payable = LedgerAccount.objects.filter(group=group, kind=AccountKind.PAYABLE).first()
    assert payable is None or payable.balance == 0
    recoverable = LedgerAccount.objects.get(group=group, kind=AccountKind.RECOVERABLE)
    assert recoverable.normal_balance == 12_500 + 6_250
    assert ledger_problems() == []
