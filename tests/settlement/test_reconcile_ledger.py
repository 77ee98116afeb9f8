import pytest

from marketplace.settlement.models import AccountKind, LedgerAccount, LedgerCheck
from marketplace.settlement.postings import post_payment_confirmed
from marketplace.settlement.tasks import reconcile_ledger, run_scheduled_payouts
from tests.factories.groups import UppksGroupFactory
from tests.factories.settlement import paid_order

pytestmark = pytest.mark.django_db


def test_reconciliation_agrees_after_postings():
    group = UppksGroupFactory()
    post_payment_confirmed(paid_order({group: [100_000]}, shipping=9_000))

    assert reconcile_ledger() is True

    check = LedgerCheck.objects.get()
    assert (check.ok, check.problems) == (True, [])


def test_reconciliation_flags_a_counter_that_differs_from_its_entries():
    group = UppksGroupFactory()
    post_payment_confirmed(paid_order({group: [100_000]}, shipping=0, percent="10"))
    pending = LedgerAccount.objects.get(group=group, kind=AccountKind.PENDING)
    LedgerAccount.objects.filter(pk=pending.pk).update(balance=91_000)

    assert reconcile_ledger() is False

    check = LedgerCheck.objects.get()
    assert check.problems == [
        {
            "problem": "counter_differs",
            "account": pending.pk,
            "group": group.pk,
            "kind": "pending",
            "counter": 91_000,
            "entries": 90_000,
        }
    ]


def test_scheduled_run_with_nothing_payable_is_quiet():
    assert run_scheduled_payouts() is None
