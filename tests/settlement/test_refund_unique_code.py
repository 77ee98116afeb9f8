"""Refunds of a bank transfer with a unique code: the code goes back only with the whole order.

A partial refund debits the groups and the commission exactly what the payment credited them;
the refund of everything left returns the code too, from the platform's unique-code account and
never from a group. Reconciliation shows no difference either way.
"""

import pytest
from django.utils import timezone

from marketplace.accounts.models import StaffRole
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import OrderChargeStatus
from marketplace.orders.services import cancel_order, reject_fulfillment
from marketplace.payments.bank_transfer import confirm_bank_transfer, start_bank_transfer
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import (
    Refund,
    RefundStatus,
    TransactionEvent,
    TransactionGateway,
    TransactionItem,
)
from marketplace.payments.refund_processing import complete_manual_refund, record_refund_success
from marketplace.payments.refunds import Refundable, refundable, request_refund
from marketplace.settlement.models import (
    AccountKind,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)
from marketplace.settlement.postings import post_fulfillment_reversed, return_code_key
from marketplace.settlement.reconciliation import daily_reconciliation, ledger_problems
from tests.factories.accounts import StaffUserFactory
from tests.factories.orders import FulfillmentFactory, OrderFactory
from tests.factories.settlement import balance, system_balance

pytestmark = pytest.mark.django_db

# Two groups, each one unit of Rp 85.000 (5 % commission: Rp 4.250) and Rp 9.000 shipping.
TOTAL = 188_000
CODE = 973
SHARE = 85_000 - 4_250 + 9_000  # one group's credit: Rp 89.750


@pytest.fixture
def staff():
    return StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN)


@pytest.fixture
def paid_transfer(staff) -> TransactionItem:
    """An order for two groups, paid by a transfer of Rp 188.973 (total + code 973)."""
    order = OrderFactory(payment_method="bank_transfer")
    FulfillmentFactory(order=order, quantity=1)
    FulfillmentFactory(order=order, quantity=1)
    order.refresh_from_db()
    assert order.total == TOTAL
    TransactionItem.objects.create(
        order=order,
        gateway=TransactionGateway.BANK_TRANSFER,
        name="Transfer bank",
        amount=TOTAL + CODE,
        unique_code=CODE,
    )
    txn = start_bank_transfer(order.pk)
    confirm_bank_transfer(txn.pk, actor=staff, amount_received=TOTAL + CODE, reference="BRI 1")
    txn.refresh_from_db()
    return txn


def _today():
    today = timezone.localdate()
    return daily_reconciliation(today, today)[0]


def _transfer_back(refund: Refund, staff) -> None:
    complete_manual_refund(refund.pk, actor=staff, reference=f"BRI balik {refund.pk}")
    refund.refresh_from_db()


def test_partial_refund_debits_the_groups_and_commission_only(paid_transfer, staff):
    # given
    order = paid_transfer.order
    rejecting, keeping = order.fulfillments.order_by("pk")
    # when one group rejects and nobody else stocks its product: its goods and shipping go back
    reject_fulfillment(rejecting.pk, actor=staff, reason="Stok habis")
    refund = Refund.objects.get()
    _transfer_back(refund, staff)
    # then the refund is the group's goods and shipping, without the code
    assert (refund.amount, refund.unique_code, refund.status) == (
        94_000,
        0,
        RefundStatus.SUCCEEDED,
    )
    assert balance(rejecting.group, AccountKind.PENDING) == 0
    assert balance(keeping.group, AccountKind.PENDING) == SHARE
    assert system_balance(AccountKind.COMMISSION) == 4_250
    assert system_balance(AccountKind.UNIQUE_CODE) == CODE
    assert system_balance(AccountKind.CLEARING) == TOTAL + CODE - 94_000
    assert not LedgerTransaction.objects.filter(key=return_code_key(order.pk)).exists()
    paid_transfer.refresh_from_db()
    order.refresh_from_db()
    assert (paid_transfer.charged_value, paid_transfer.refunded_value) == (94_973, 94_000)
    assert (order.total_refunded, order.charge_status) == (
        94_000,
        OrderChargeStatus.PARTIALLY_REFUNDED,
    )
    assert refundable(order.pk) == Refundable(order=94_000, code=CODE)
    # and reconciliation is clean
    day = _today()
    assert (day.received, day.refunded, day.refunds) == (TOTAL + CODE, 94_000, 94_000)
    assert (day.group_shares, day.commission, day.unique_codes) == (SHARE, 4_250, CODE)
    assert (day.difference, day.refund_difference, day.flagged) == (0, 0, False)
    assert ledger_problems() == []


def test_full_refund_returns_the_code_from_the_unique_code_account(paid_transfer, staff):
    # given
    order = paid_transfer.order
    groups = [f.group for f in order.fulfillments.all()]
    # when staff cancel the paid order: the customer gets back what they transferred
    cancel_order(order.pk, actor=staff, reason="Pembeli minta batal")
    refund = Refund.objects.get()
    _transfer_back(refund, staff)
    # then
    assert (refund.amount, refund.unique_code) == (TOTAL + CODE, CODE)
    assert [balance(group, AccountKind.PENDING) for group in groups] == [0, 0]
    assert system_balance(AccountKind.COMMISSION) == 0
    assert system_balance(AccountKind.UNIQUE_CODE) == 0
    assert system_balance(AccountKind.CLEARING) == 0
    returned = LedgerTransaction.objects.get(key=return_code_key(order.pk))
    assert sorted(returned.entries.values_list("account__kind", "amount", "group_id")) == [
        (AccountKind.CLEARING, CODE, None),
        (AccountKind.UNIQUE_CODE, -CODE, None),
    ]
    # each group was debited exactly what it was credited, not a rupiah of the code
    for group in groups:
        debited = LedgerEntry.objects.filter(
            transaction__kind=TransactionKind.REVERSAL, group=group
        ).exclude(account__kind__in=[AccountKind.CLEARING, AccountKind.COMMISSION])
        assert sorted(debited.values_list("amount", flat=True)) == [-80_750, -9_000]
    paid_transfer.refresh_from_db()
    order.refresh_from_db()
    assert (paid_transfer.charged_value, paid_transfer.refunded_value) == (0, TOTAL + CODE)
    assert (order.total_refunded, order.charge_status) == (
        TOTAL,
        OrderChargeStatus.FULLY_REFUNDED,
    )
    assert refundable(order.pk) == Refundable()
    day = _today()
    assert (day.received, day.refunded, day.refunds) == (TOTAL + CODE,) * 3
    assert (day.group_shares, day.commission, day.unique_codes) == (0, 0, 0)
    assert (day.difference, day.refund_difference, day.flagged) == (0, 0, False)
    assert ledger_problems() == []


def test_the_rest_after_a_partial_refund_returns_the_code(paid_transfer, staff):
    order = paid_transfer.order
    rejecting = order.fulfillments.order_by("pk").first()
    reject_fulfillment(rejecting.pk, actor=staff, reason="Stok habis")
    _transfer_back(Refund.objects.get(), staff)
    # when the rest of the order is canceled
    cancel_order(order.pk, actor=staff, reason="Pembeli minta batal")
    rest = Refund.objects.exclude(status=RefundStatus.SUCCEEDED).get()
    _transfer_back(rest, staff)
    # then the second refund is the other group's goods and shipping plus the code
    assert (rest.amount, rest.unique_code) == (94_000 + CODE, CODE)
    assert system_balance(AccountKind.UNIQUE_CODE) == 0
    assert system_balance(AccountKind.CLEARING) == 0
    day = _today()
    assert (day.received, day.refunded, day.refunds) == (TOTAL + CODE,) * 3
    assert (day.difference, day.flagged) == (0, False)
    assert ledger_problems() == []


def test_refunding_the_order_money_alone_counts_as_the_whole_rest(paid_transfer):
    [refund] = request_refund(paid_transfer.order_id, amount=TOTAL, reason="Dibatalkan")
    assert (refund.amount, refund.unique_code, refund.status) == (
        TOTAL + CODE,
        CODE,
        RefundStatus.MANUAL,
    )
    assert refundable(paid_transfer.order_id) == Refundable()


def test_refunding_more_than_was_received_is_refused_and_writes_nothing(paid_transfer):
    entries, notices = LedgerEntry.objects.count(), OutboxMessage.objects.count()
    events = TransactionEvent.objects.count()
    with pytest.raises(PaymentError) as error:
        request_refund(paid_transfer.order_id, amount=TOTAL + CODE + 1, reason="Terlalu banyak")
    assert error.value.code == PaymentErrorCode.OVER_REFUND
    assert error.value.message == (
        "Tidak dapat mengembalikan Rp 188.974: hanya Rp 188.973 yang dibayar dan belum "
        "dikembalikan, termasuk kode unik Rp 973."
    )
    assert Refund.objects.count() == 0
    assert (LedgerEntry.objects.count(), OutboxMessage.objects.count()) == (entries, notices)
    assert TransactionEvent.objects.count() == events
    paid_transfer.refresh_from_db()
    assert (paid_transfer.charged_value, paid_transfer.flagged_for_review) == (
        TOTAL + CODE,
        False,
    )


def test_part_of_the_code_cannot_be_refunded(paid_transfer):
    entries = LedgerEntry.objects.count()
    with pytest.raises(PaymentError) as error:
        request_refund(paid_transfer.order_id, amount=TOTAL + 500, reason="Sebagian kode")
    assert error.value.code == PaymentErrorCode.OVER_REFUND
    assert error.value.message == (
        "Tidak dapat mengembalikan Rp 188.500: kode unik Rp 973 hanya dikembalikan bersama "
        "seluruh sisa pesanan, Rp 188.973. Kembalikan paling banyak Rp 187.999, atau tepat "
        "Rp 188.973."
    )
    assert Refund.objects.count() == 0
    assert LedgerEntry.objects.count() == entries


def test_a_code_returned_once_is_never_returned_again(paid_transfer, staff):
    # given a fully refunded order
    order = paid_transfer.order
    cancel_order(order.pk, actor=staff, reason="Pembeli minta batal")
    refund = Refund.objects.get()
    _transfer_back(refund, staff)
    entries = LedgerEntry.objects.count()
    # when every step is retried
    for fulfillment in order.fulfillments.all():
        post_fulfillment_reversed(fulfillment)
    assert record_refund_success(refund.pk) is False
    with pytest.raises(PaymentError) as error:
        request_refund(order.pk, amount=CODE, reason="Kode lagi")
    # then nothing moved twice
    assert error.value.code == PaymentErrorCode.OVER_REFUND
    assert LedgerEntry.objects.count() == entries
    assert LedgerTransaction.objects.filter(key=return_code_key(order.pk)).count() == 1
    order.refresh_from_db()
    assert order.total_refunded == TOTAL
    assert system_balance(AccountKind.UNIQUE_CODE) == 0
    assert ledger_problems() == []
