"""Locks in a fixed order (order → transaction), and two deliveries at once apply once."""

import json
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.bank_transfer import confirm_bank_transfer, start_bank_transfer
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import ProviderEvent, TransactionEventType
from marketplace.payments.services import record_charge
from tests.factories.accounts import StaffUserFactory
from tests.factories.payments import (
    TransactionItemFactory,
    payment_intent_object,
    sign,
    stripe_event,
    unpaid_order,
)
from tests.factories.regions import BALI, province


def _run_together(*targets):
    barrier = threading.Barrier(len(targets))
    results = [None] * len(targets)

    def run(index, target):
        try:
            barrier.wait()
            results[index] = target()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_record_charge_locks_the_order_before_the_transaction(card_order):
    txn = TransactionItemFactory(order=card_order)
    with CaptureQueriesContext(connection) as queries:
        record_charge(txn.pk, amount=txn.amount, currency="IDR", psp_reference=txn.psp_reference)
    locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert '"orders_order"' in locking[0]
    assert '"payments_transactionitem"' in locking[1]


@pytest.mark.django_db(transaction=True)
def test_the_same_event_delivered_twice_at_once_is_applied_once(stripe_settings):
    order = unpaid_order(payment_method="card")
    txn = TransactionItemFactory(order=order)
    body = json.dumps(stripe_event("payment_intent.succeeded", payment_intent_object(txn))).encode()
    header = sign(body)

    def deliver():
        response = Client().post(
            "/payments/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )
        return response.status_code, response.json()

    results = _run_together(deliver, deliver)
    assert [status for status, _body in results] == [200, 200]
    assert sorted(body["duplicate"] for _status, body in results) == [False, True]
    assert ProviderEvent.objects.count() == 1
    assert txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    order.refresh_from_db()
    assert (order.status, order.total_charged) == (OrderStatus.UNFULFILLED, 94_000)


@pytest.mark.django_db(transaction=True)
def test_two_staff_confirming_at_once_pay_the_order_once():
    order = unpaid_order(payment_method="bank_transfer")
    txn = start_bank_transfer(order.pk)
    first, second = (
        StaffUserFactory(staff_role="province_curator", staff_province=province(BALI))
        for _ in range(2)
    )
    results = _run_together(
        lambda: confirm_bank_transfer(txn.pk, actor=first, amount_received=txn.amount),
        lambda: confirm_bank_transfer(txn.pk, actor=second, amount_received=txn.amount),
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1
    assert isinstance(errors[0], PaymentError)
    assert errors[0].code == PaymentErrorCode.ALREADY_PAID
    assert Order.objects.get(pk=order.pk).total_charged == 94_000
    assert txn.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
