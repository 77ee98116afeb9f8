from io import StringIO

import pytest
from django.core.management import call_command

from marketplace.settlement.models import AccountKind, LedgerEntry, LedgerTransaction
from marketplace.settlement.postings import post_payment_confirmed, post_payments_confirmed
from marketplace.settlement.reconciliation import ledger_problems
from tests.factories.groups import UppksGroupFactory
from tests.factories.orders import OrderFactory
from tests.factories.settlement import balance, paid_order, system_balance

pytestmark = pytest.mark.django_db


def test_bulk_posting_equals_posting_one_order_at_a_time():
    mawar, melati = UppksGroupFactory(), UppksGroupFactory()
    orders = [
        paid_order({mawar: [100_000], melati: [30_000, 5_000]}, shipping=9_000, percent="10"),
        paid_order({melati: [12_345]}, shipping=0, percent="2.5"),
    ]

    assert post_payments_confirmed([o.pk for o in orders] * 2) == 2

    assert balance(mawar, AccountKind.PENDING) == 90_000 + 9_000
    assert balance(melati, AccountKind.PENDING) == 31_500 + 9_000 + 12_345 - 309
    assert system_balance(AccountKind.COMMISSION) == 10_000 + 3_500 + 309
    assert ledger_problems() == []
    entries = LedgerEntry.objects.count()
    post_payment_confirmed(orders[0])
    assert post_payments_confirmed([o.pk for o in orders]) == 0
    assert LedgerEntry.objects.count() == entries


def test_command_posts_only_paid_orders_without_a_posting():
    group = UppksGroupFactory()
    already = paid_order({group: [10_000]}, shipping=0, percent="0")
    post_payment_confirmed(already)
    missing = paid_order({group: [20_000]}, shipping=0, percent="0")
    OrderFactory()  # unpaid
    out = StringIO()

    call_command("post_missing_payments", stdout=out)

    assert out.getvalue().strip() == "posted 1 of 1 paid orders without a posting"
    assert set(LedgerTransaction.objects.values_list("order_id", flat=True)) == {
        already.pk,
        missing.pk,
    }
    assert balance(group, AccountKind.PENDING) == 30_000
