"""From checkout to the group's bank account, through the real order and payment services."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from marketplace.checkout.services import add_lines, complete_checkout
from marketplace.orders.models import Fulfillment
from marketplace.orders.services import accept_fulfillment, pack_fulfillment, ship_fulfillment
from marketplace.settlement.models import AccountKind
from marketplace.settlement.payouts import mark_batch_paid
from marketplace.settlement.reconciliation import daily_reconciliation, ledger_problems
from marketplace.settlement.tasks import release_shipped_fulfillments, run_scheduled_payouts
from tests.factories.catalog import StockFactory
from tests.factories.checkout import CheckoutFactory
from tests.factories.groups import GroupMemberFactory
from tests.factories.orders import pay_by_bank_transfer
from tests.factories.settlement import PayoutAccountFactory, balances, system_balance

pytestmark = pytest.mark.django_db


@override_settings(SETTLEMENT_RELEASE_AFTER_SHIPPED_DAYS=7, SETTLEMENT_PAYOUT_MINIMUM=10_000)
def test_a_paid_shipped_order_is_paid_out_to_the_group_a_week_later():
    # given an order placed and paid through checkout and payments
    stock = StockFactory(quantity=10, variant__price=25_000, variant__weight_g=300)
    group = stock.group
    GroupMemberFactory(group=group)
    PayoutAccountFactory(group=group)
    checkout = CheckoutFactory()
    add_lines(checkout.pk, [(stock.variant_id, 2)])
    order = pay_by_bank_transfer(complete_checkout(checkout.pk))
    line = order.lines.get()
    fulfillment = order.fulfillments.get()
    commission = round(line.total_price * line.commission_percent / 100)
    share = line.total_price - commission + fulfillment.shipping_price
    assert balances(group)[AccountKind.PENDING] == share
    transfer = order.payment_transactions.get()
    received = order.total_charged + transfer.unique_code  # as on the bank statement
    assert system_balance(AccountKind.CLEARING) == transfer.charged_value == received
    assert system_balance(AccountKind.UNIQUE_CODE) == transfer.unique_code
    # when the group ships and nobody confirms delivery for eight days
    accept_fulfillment(fulfillment.pk, actor=None)
    pack_fulfillment(fulfillment.pk, actor=None)
    ship_fulfillment(fulfillment.pk, actor=None, courier="JNE", tracking_number="JNE123")
    Fulfillment.objects.filter(pk=fulfillment.pk).update(
        shipped_at=timezone.now() - timedelta(days=8)
    )
    assert release_shipped_fulfillments() == 1
    batch_id = run_scheduled_payouts()
    mark_batch_paid(batch_id, actor=None)
    # then the whole share is paid out, once, and the books agree
    assert balances(group) == {
        AccountKind.PENDING: 0,
        AccountKind.PAYABLE: 0,
        AccountKind.IN_TRANSFER: 0,
        AccountKind.PAID: share,
        AccountKind.RECOVERABLE: 0,
    }
    assert run_scheduled_payouts() is None
    assert ledger_problems() == []
    today = daily_reconciliation(timezone.localdate(), timezone.localdate())[0]
    assert (today.received, today.difference, today.flagged) == (received, 0, False)
