import pytest
from django.db import IntegrityError, transaction

from marketplace.settlement.errors import SettlementError, SettlementErrorCode
from marketplace.settlement.ledger import Leg, claim, locked_group_accounts, post, write_entries
from marketplace.settlement.models import AccountKind, LedgerEntry, LedgerTransaction
from tests.factories.groups import UppksGroupFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("amount", [1000.5, -1000, "1000"])
def test_an_unbalanced_or_fractional_posting_is_refused_and_nothing_is_posted(amount):
    group = UppksGroupFactory()

    with pytest.raises(SettlementError) as error, transaction.atomic():
        accounts = locked_group_accounts([group.pk])
        post(
            "test:unbalanced",
            "payment",
            [
                Leg(accounts.clearing, -1000, group_id=group.pk),
                Leg(accounts.of(group.pk, AccountKind.PENDING), amount, group_id=group.pk),
            ],
        )

    assert error.value.code == SettlementErrorCode.UNBALANCED
    assert not LedgerTransaction.objects.exists()
    assert not LedgerEntry.objects.exists()


def test_a_key_is_claimed_once():
    with transaction.atomic():
        first = claim("test:once", "payment")
        second = claim("test:once", "payment")

    assert first is not None and second is None
    assert LedgerTransaction.objects.filter(key="test:once").count() == 1


def test_the_database_refuses_a_negative_group_balance():
    group = UppksGroupFactory()

    with (
        pytest.raises(IntegrityError, match="settlement_group_balance_not_negative"),
        transaction.atomic(),
    ):
        accounts = locked_group_accounts([group.pk])
        txn = claim("test:negative", "payment")
        legs = [Leg(accounts.of(group.pk, AccountKind.PENDING), -500), Leg(accounts.clearing, 500)]
        write_entries([(txn, legs)])

    assert not LedgerEntry.objects.exists()
