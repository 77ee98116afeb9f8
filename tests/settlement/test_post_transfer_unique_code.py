"""A bank transfer's unique code is platform income on its own ledger account, never lost."""

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.models import StaffRole
from marketplace.orders.services import confirm_payment
from marketplace.payments.bank_transfer import confirm_bank_transfer, start_bank_transfer
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import TransactionGateway, TransactionItem
from marketplace.settlement.commission import commission_amount
from marketplace.settlement.models import AccountKind, LedgerEntry, LedgerTransaction
from marketplace.settlement.postings import post_payment_confirmed, post_payments_confirmed
from marketplace.settlement.reconciliation import (
    bank_transfer_matches,
    daily_reconciliation,
    ledger_problems,
)
from tests.factories.accounts import StaffUserFactory
from tests.factories.payments import unpaid_order
from tests.factories.settlement import balance, system_balance

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN)


def transfer_with_code(code: int) -> TransactionItem:
    """An order of Rp 94.000 (Rp 85.000 + Rp 9.000 shipping) asking for total + ``code``."""
    order = unpaid_order(payment_method="bank_transfer")
    TransactionItem.objects.create(
        order=order,
        gateway=TransactionGateway.BANK_TRANSFER,
        name="Transfer bank",
        amount=order.total + code,
        unique_code=code,
    )
    txn = start_bank_transfer(order.pk)
    assert (txn.amount, txn.unique_code) == (94_000 + code, code)
    return txn


def test_transfer_of_total_plus_code_confirms_and_posts_the_code_to_the_platform(staff):
    # given
    txn = transfer_with_code(973)
    # when
    confirm_bank_transfer(txn.pk, actor=staff, amount_received=94_973, reference="BRI 1")
    # then the payment records what arrived, the order its own total
    txn.refresh_from_db()
    txn.order.refresh_from_db()
    assert (txn.charged_value, txn.order.total_charged) == (94_973, 94_000)
    # and the ledger received the full transfer, the code on the platform's own account
    posting = LedgerTransaction.objects.get(order=txn.order)
    assert posting.key == f"payment:{txn.order.pk}"
    assert posting.entries.aggregate(total=Sum("amount"))["total"] == 0
    assert system_balance(AccountKind.CLEARING) == 94_973
    assert system_balance(AccountKind.UNIQUE_CODE) == 973
    code_entry = posting.entries.get(account__kind=AccountKind.UNIQUE_CODE)
    assert (code_entry.amount, code_entry.group_id) == (973, None)
    assert ledger_problems() == []


def test_groups_earn_and_commission_is_the_same_as_without_the_code(staff):
    # given one order paid by transfer with a code and an identical one paid without a code
    txn = transfer_with_code(973)
    without_code = unpaid_order(payment_method="bank_transfer")
    # when
    confirm_bank_transfer(txn.pk, actor=staff, amount_received=94_973)
    confirm_payment(without_code.pk, amount=without_code.total, actor=staff)
    # then each group is credited exactly its goods less commission plus shipping
    for order in (txn.order, without_code):
        line = order.lines.get()
        commission = commission_amount(line.total_price, line.commission_percent)
        group = order.fulfillments.get().group
        assert balance(group, AccountKind.PENDING) == 85_000 - commission + 9_000
        assert (
            LedgerEntry.objects.filter(
                transaction__order=order, account__kind=AccountKind.COMMISSION
            ).aggregate(total=Sum("amount"))["total"]
            == commission
        )
    assert system_balance(AccountKind.UNIQUE_CODE) == 973
    assert system_balance(AccountKind.CLEARING) == 94_973 + 94_000
    assert ledger_problems() == []


def test_confirming_twice_posts_the_code_once(staff):
    txn = transfer_with_code(973)
    confirm_bank_transfer(txn.pk, actor=staff, amount_received=94_973)
    entries = LedgerEntry.objects.count()
    # when the confirmation and the posting are retried
    with pytest.raises(PaymentError) as error:
        confirm_bank_transfer(txn.pk, actor=staff, amount_received=94_973)
    txn.order.refresh_from_db()
    post_payment_confirmed(txn.order)
    assert post_payments_confirmed([txn.order.pk]) == 0
    # then
    assert error.value.code == PaymentErrorCode.ALREADY_PAID
    assert LedgerEntry.objects.count() == entries
    assert system_balance(AccountKind.UNIQUE_CODE) == 973


def test_the_order_total_without_the_code_is_refused_and_posts_nothing(staff):
    txn = transfer_with_code(973)
    with pytest.raises(PaymentError) as error:
        confirm_bank_transfer(txn.pk, actor=staff, amount_received=94_000)
    assert error.value.code == PaymentErrorCode.AMOUNT_MISMATCH
    assert error.value.message == (
        "Jumlah diterima yang diisi Rp 94.000, padahal transfer harus tepat Rp 94.973: "
        "total pesanan Rp 94.000 ditambah kode unik 973."
    )
    assert not LedgerEntry.objects.exists()
    txn.order.refresh_from_db()
    assert txn.order.total_charged == 0


def test_reconciliation_matches_the_bank_statement_amount(staff, client):
    txn = transfer_with_code(973)
    confirm_bank_transfer(txn.pk, actor=staff, amount_received=94_973)
    today = timezone.localdate()
    # when
    day = daily_reconciliation(today, today)[0]
    transfers = bank_transfer_matches(today, today)
    client.force_login(staff)
    response = client.get(reverse("settlement:reconciliation"))
    # then
    assert (day.received, day.transfer_codes, day.unique_codes) == (94_973, 973, 973)
    assert day.received == day.group_shares + day.commission + day.unique_codes
    assert (day.difference, day.flagged) == (0, False)
    assert len(transfers) == 1
    match = transfers[0]
    assert (match.order_total, match.unique_code, match.statement_amount, match.ledger_amount) == (
        94_000,
        973,
        94_973,
        94_973,
    )
    assert match.matched is True
    page = response.content.decode()
    assert response.context["unmatched_transfers"] == 0
    assert "Rp 94.973" in page
    assert "Rp 973" in page
