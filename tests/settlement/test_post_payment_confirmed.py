from decimal import Decimal

import pytest
from django.db import connection

from marketplace.orders.models import FulfillmentStatus
from marketplace.settlement.models import (
    AccountKind,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)
from marketplace.settlement.postings import post_payment_confirmed
from tests.factories.groups import UppksGroupFactory
from tests.factories.settlement import balance, balances, paid_order, system_balance

pytestmark = pytest.mark.django_db


def test_payment_credits_each_group_line_totals_plus_shipping_less_commission():
    # given
    mawar, melati = UppksGroupFactory(), UppksGroupFactory()
    order = paid_order({mawar: [100_000, 50_000], melati: [30_000]}, shipping=9_000, percent="10")
    # when
    post_payment_confirmed(order)
    # then
    assert balance(mawar, AccountKind.PENDING) == 150_000 - 15_000 + 9_000
    assert balance(melati, AccountKind.PENDING) == 30_000 - 3_000 + 9_000
    assert system_balance(AccountKind.COMMISSION) == 18_000
    assert system_balance(AccountKind.CLEARING) == order.total == 198_000
    assert balance(mawar, AccountKind.PAYABLE) == 0


def test_payment_entries_sum_to_zero_and_name_each_order_line():
    group = UppksGroupFactory()
    order = paid_order({group: [85_000]}, shipping=12_000, percent="5")

    post_payment_confirmed(order)

    txn = LedgerTransaction.objects.get(key=f"payment:{order.pk}")
    assert txn.kind == TransactionKind.PAYMENT
    assert sum(txn.entries.values_list("amount", flat=True)) == 0
    line = order.lines.get()
    per_line = dict(txn.entries.filter(order_line=line).values_list("account__kind", "amount"))
    assert per_line == {
        AccountKind.CLEARING: -85_000,
        AccountKind.PENDING: 80_750,
        AccountKind.COMMISSION: 4_250,
    }


def test_commission_is_rounded_half_up_to_whole_rupiah():
    group = UppksGroupFactory()
    order = paid_order({group: [12_345]}, shipping=0, percent="2.5")  # 308.625 → 309

    post_payment_confirmed(order)

    assert system_balance(AccountKind.COMMISSION) == 309
    assert balance(group, AccountKind.PENDING) == 12_345 - 309


def test_zero_percent_commission_credits_the_group_everything():
    group = UppksGroupFactory()
    order = paid_order({group: [40_000]}, shipping=8_000, percent=Decimal("0"))

    post_payment_confirmed(order)

    assert balance(group, AccountKind.PENDING) == 48_000
    assert system_balance(AccountKind.COMMISSION) == 0
    assert not LedgerEntry.objects.filter(account__kind=AccountKind.COMMISSION).exists()


def test_confirming_the_same_payment_twice_posts_once():
    group = UppksGroupFactory()
    order = paid_order({group: [100_000]}, shipping=9_000, percent="10")
    post_payment_confirmed(order)
    entries_before = LedgerEntry.objects.count()

    post_payment_confirmed(order)

    assert LedgerEntry.objects.count() == entries_before == 5
    assert balance(group, AccountKind.PENDING) == 99_000


def test_payment_for_an_already_delivered_fulfillment_is_payable_at_once():
    group = UppksGroupFactory()
    order = paid_order({group: [100_000]}, shipping=0, percent="10")
    order.fulfillments.update(status=FulfillmentStatus.DELIVERED)

    post_payment_confirmed(order)

    assert balances(group)[AccountKind.PENDING] == 0
    assert balances(group)[AccountKind.PAYABLE] == 90_000


def test_database_refuses_to_change_a_posted_entry():
    group = UppksGroupFactory()
    post_payment_confirmed(paid_order({group: [10_000]}, shipping=0))
    entry = LedgerEntry.objects.first()

    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE settlement_ledgerentry SET amount = 1 WHERE id = %s", [entry.pk])
