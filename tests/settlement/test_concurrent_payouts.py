"""Two payout runs (and two postings of one payment) at the same moment on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from marketplace.settlement.errors import SettlementError, SettlementErrorCode
from marketplace.settlement.ledger import locked_group_accounts
from marketplace.settlement.models import AccountKind, LedgerEntry, PayoutLine
from marketplace.settlement.payouts import run_payouts
from marketplace.settlement.postings import post_fulfillment_delivered, post_payment_confirmed
from tests.factories.groups import UppksGroupFactory
from tests.factories.settlement import PayoutAccountFactory, balances, paid_order


def payable(group, amount):
    order = paid_order({group: [amount]}, shipping=0, percent="0")
    post_payment_confirmed(order)
    post_fulfillment_delivered(order.fulfillments.get())


def run_together(function, count=2):
    barrier = threading.Barrier(count)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(function())
        except Exception as exc:  # collected and asserted below
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_pay_each_payable_balance_exactly_once():
    # given
    groups = [UppksGroupFactory() for _ in range(12)]
    for index, group in enumerate(groups):
        PayoutAccountFactory(group=group)
        payable(group, 60_000 + 1_000 * index)
    # when
    results = run_together(lambda: run_payouts(minimum=1), count=2)
    # then
    batches = [r for r in results if not isinstance(r, Exception)]
    errors = [r for r in results if isinstance(r, Exception)]
    assert all(
        isinstance(e, SettlementError) and e.code == SettlementErrorCode.NOTHING_PAYABLE
        for e in errors
    )
    assert len(batches) >= 1
    lines = list(PayoutLine.objects.order_by("group_id").values_list("group_id", "amount"))
    assert lines == [(g.pk, 60_000 + 1_000 * i) for i, g in enumerate(groups)]
    for index, group in enumerate(groups):
        assert balances(group)[AccountKind.PAYABLE] == 0
        assert balances(group)[AccountKind.IN_TRANSFER] == 60_000 + 1_000 * index


@pytest.mark.django_db(transaction=True)
def test_a_run_waits_for_a_posting_that_holds_the_groups_accounts():
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    payable(group, 100_000)
    order = paid_order({group: [50_000]}, shipping=0, percent="0")
    post_payment_confirmed(order)
    locked, release = threading.Event(), threading.Event()

    def deliver_slowly():
        with transaction.atomic():
            locked_group_accounts([group.pk])
            locked.set()
            release.wait(10)
            post_fulfillment_delivered(order.fulfillments.get())
        connections.close_all()

    holder = threading.Thread(target=deliver_slowly)
    holder.start()
    locked.wait(10)
    runner = threading.Thread(target=lambda: (run_payouts(minimum=1), connections.close_all()))
    runner.start()
    runner.join(0.5)
    assert runner.is_alive()  # blocked on the group's accounts
    release.set()
    holder.join(10)
    runner.join(10)

    assert PayoutLine.objects.get().amount == 150_000
    assert balances(group)[AccountKind.PAYABLE] == 0


@pytest.mark.django_db(transaction=True)
def test_one_payment_posted_by_two_workers_at_once_is_posted_once():
    group = UppksGroupFactory()
    order = paid_order({group: [100_000]}, shipping=9_000, percent="10")

    results = run_together(lambda: post_payment_confirmed(order), count=2)

    assert results == [None, None]
    assert LedgerEntry.objects.count() == 5
    assert balances(group)[AccountKind.PENDING] == 99_000


@pytest.mark.django_db
def test_payout_run_locks_group_accounts_in_pk_order():
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    payable(group, 100_000)
    with CaptureQueriesContext(connection) as queries:
        run_payouts(minimum=1)

    locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert len(locking) == 1
    assert 'ORDER BY "settlement_ledgeraccount"."id" ASC' in locking[0]
    assert 'FOR UPDATE OF "settlement_ledgeraccount"' in locking[0]
