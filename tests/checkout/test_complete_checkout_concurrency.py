"""Twenty buyers race for the last five units on real PostgreSQL row locks."""

import re
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Stock
from marketplace.checkout.errors import CheckoutError
from marketplace.checkout.services import add_lines, complete_checkout
from marketplace.orders.models import Order
from tests.factories.catalog import StockFactory
from tests.factories.checkout import CheckoutFactory, CheckoutLineFactory


@pytest.mark.django_db(transaction=True)
def test_twenty_buyers_for_the_last_five_units_make_exactly_five_orders():
    stock = StockFactory(quantity=5)
    other = StockFactory(quantity=100)  # a second row locked by every completion too
    checkout_ids = []
    for n in range(20):
        checkout = CheckoutFactory()
        lines = [(other.variant_id, 1), (stock.variant_id, 1)]
        add_lines(checkout.pk, lines if n % 2 else lines[::-1])  # both orders: no deadlock
        checkout_ids.append(checkout.pk)
    barrier = threading.Barrier(20)
    outcomes, lock = [], threading.Lock()

    def buy(checkout_id):
        try:
            barrier.wait()
            complete_checkout(checkout_id)
            result = "ok"
        except CheckoutError as error:
            result = error.code
        except Exception as error:  # noqa: BLE001 - any other error fails the test below
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=buy, args=(pk,)) for pk in checkout_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == sorted(["ok"] * 5 + ["insufficient_stock"] * 15)
    assert Order.objects.count() == 5
    assert len(set(Order.objects.values_list("number", flat=True))) == 5
    stock.refresh_from_db()
    other.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated, stock.quantity_available) == (5, 5, 0)
    assert other.quantity_allocated == 5


def test_completion_locks_stock_rows_in_pk_order(db):
    line = CheckoutLineFactory(quantity=1)
    CheckoutLineFactory(checkout=line.checkout, quantity=1)
    with CaptureQueriesContext(connection) as queries:
        complete_checkout(line.checkout_id)
    stock_locks = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "catalog_stock"' in q["sql"] and "FOR UPDATE" in q["sql"]
    ]
    assert len(stock_locks) == 1
    assert re.search(
        r'ORDER BY "catalog_stock"\."id" ASC FOR UPDATE OF "catalog_stock"$', stock_locks[0]
    )
    assert Stock.objects.filter(quantity_allocated=1).count() == 2
