import pytest
from django.test import override_settings

from marketplace.notifications.models import OutboxMessage
from marketplace.settlement.errors import SettlementError, SettlementErrorCode
from marketplace.settlement.models import (
    AccountKind,
    LedgerEntry,
    LineStatus,
    PayoutBatch,
    PayoutLine,
)
from marketplace.settlement.payouts import run_payouts
from marketplace.settlement.postings import post_fulfillment_delivered, post_payment_confirmed
from tests.factories.groups import UppksGroupFactory
from tests.factories.settlement import PayoutAccountFactory, balances, paid_order

pytestmark = pytest.mark.django_db


def payable(group, amount):
    """Give ``group`` ``amount`` payable (a delivered order with 0 % commission)."""
    order = paid_order({group: [amount]}, shipping=0, percent="0")
    post_payment_confirmed(order)
    post_fulfillment_delivered(order.fulfillments.get())


def test_run_batches_every_payable_balance_above_the_minimum():
    # given
    big, small, unbanked = (UppksGroupFactory() for _ in range(3))
    PayoutAccountFactory(group=big, bank_code="014", account_number="1234567890")
    PayoutAccountFactory(group=small)
    payable(big, 250_000)
    payable(small, 40_000)
    payable(unbanked, 300_000)
    # when
    batch = run_payouts(minimum=50_000, actor=None)
    # then
    line = batch.lines.get()
    assert (line.group, line.amount, line.status) == (big, 250_000, LineStatus.PENDING)
    assert (line.bank_code, line.account_number) == ("014", "1234567890")
    assert (batch.total_amount, batch.line_count, batch.minimum_amount) == (250_000, 1, 50_000)
    assert balances(big)[AccountKind.PAYABLE] == 0
    assert balances(big)[AccountKind.IN_TRANSFER] == 250_000
    assert balances(small)[AccountKind.PAYABLE] == 40_000
    assert balances(unbanked)[AccountKind.PAYABLE] == 300_000


@override_settings(SETTLEMENT_PAYOUT_MINIMUM=100_000)
def test_run_uses_the_configured_minimum_by_default():
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    payable(group, 99_999)

    with pytest.raises(SettlementError) as error:
        run_payouts()

    assert error.value.code == SettlementErrorCode.NOTHING_PAYABLE
    assert not PayoutBatch.objects.exists()


def test_a_group_with_a_transfer_in_progress_waits_for_the_next_run():
    group, other = UppksGroupFactory(), UppksGroupFactory()
    PayoutAccountFactory(group=group)
    PayoutAccountFactory(group=other)
    payable(group, 100_000)
    run_payouts(minimum=1)
    payable(group, 60_000)
    payable(other, 70_000)

    batch = run_payouts(minimum=1)

    assert list(batch.lines.values_list("group_id", "amount")) == [(other.pk, 70_000)]
    assert balances(group)[AccountKind.PAYABLE] == 60_000


def test_paying_a_group_with_nothing_payable_is_refused_and_posts_nothing():
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    entries = LedgerEntry.objects.count()

    with pytest.raises(SettlementError) as error:
        run_payouts(group_ids=[group.pk], minimum=1)

    assert error.value.code == SettlementErrorCode.NOTHING_PAYABLE
    assert error.value.message.startswith("Tidak ada yang bisa dibayarkan")
    assert LedgerEntry.objects.count() == entries
    assert not PayoutBatch.objects.exists()


def test_paying_a_group_without_an_approved_account_is_refused():
    group = UppksGroupFactory()
    payable(group, 100_000)
    entries = LedgerEntry.objects.count()

    with pytest.raises(SettlementError) as error:
        run_payouts(group_ids=[group.pk], minimum=1)

    assert error.value.code == SettlementErrorCode.NO_PAYOUT_ACCOUNT
    assert group.name in error.value.message
    assert LedgerEntry.objects.count() == entries
    assert balances(group)[AccountKind.PAYABLE] == 100_000


@pytest.mark.parametrize("minimum", [-1, 2.5, "1.5", "lots"])
def test_negative_or_fractional_minimum_is_refused(minimum):
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    payable(group, 100_000)

    with pytest.raises(SettlementError) as error:
        run_payouts(minimum=minimum)

    assert error.value.code == SettlementErrorCode.INVALID_AMOUNT
    assert error.value.field == "minimum"
    assert not PayoutLine.objects.exists()
    assert balances(group)[AccountKind.PAYABLE] == 100_000


def test_run_sends_no_notice_until_the_batch_is_paid():
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    payable(group, 100_000)

    run_payouts(minimum=1)

    assert not OutboxMessage.objects.filter(event="payout_sent").exists()
