import pytest

from marketplace.payments.bank_transfer import start_bank_transfer
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import TransactionGateway, TransactionItem, TransactionStatus
from tests.factories.payments import unpaid_order


def test_amount_is_the_total_plus_a_unique_code_of_three_digits(bank_order):
    txn = start_bank_transfer(bank_order.pk)
    assert txn.gateway == TransactionGateway.BANK_TRANSFER
    assert txn.status == TransactionStatus.PENDING
    assert 1 <= txn.unique_code <= 999
    assert txn.amount == 94_000 + txn.unique_code


def test_the_same_order_keeps_its_amount(bank_order):
    first = start_bank_transfer(bank_order.pk)
    second = start_bank_transfer(bank_order.pk)
    assert second.pk == first.pk
    assert second.amount == first.amount


def test_open_transfers_of_equal_totals_never_share_an_amount(db):
    orders = [unpaid_order() for _ in range(25)]
    amounts = [start_bank_transfer(order.pk).amount for order in orders]
    assert {order.total for order in orders} == {94_000}
    assert len(set(amounts)) == 25


def test_bank_transfer_for_a_paid_order_is_refused(db):
    order = unpaid_order(paid=True)
    with pytest.raises(PaymentError) as error:
        start_bank_transfer(order.pk)
    assert error.value.code == PaymentErrorCode.ALREADY_PAID
    assert TransactionItem.objects.count() == 0


def test_bank_transfer_for_a_card_order_is_refused(card_order):
    with pytest.raises(PaymentError) as error:
        start_bank_transfer(card_order.pk)
    assert error.value.code == PaymentErrorCode.WRONG_PAYMENT_METHOD
    assert TransactionItem.objects.count() == 0
