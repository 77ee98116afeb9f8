"""Waiting for what a worker subprocess does, and the orders the notices are about."""

import time
from datetime import timedelta

from django.db import close_old_connections
from django.utils import timezone

from marketplace.notifications.models import OutboxMessage, OutboxStatus
from tests.factories.catalog import StockFactory
from tests.factories.groups import UppksGroupFactory
from tests.factories.orders import FulfillmentFactory, OrderFactory, allocate_line


def wait_until(predicate, *, timeout: float = 30, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        close_old_connections()
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def wait_all_sent(*, count: int, timeout: float = 30) -> list[OutboxMessage]:
    def sent():
        rows = list(OutboxMessage.objects.order_by("pk"))
        done = len(rows) == count and all(row.status == OutboxStatus.SENT for row in rows)
        return rows if done else None

    return wait_until(sent, timeout=timeout, what=f"{count} notices sent")


def fulfillment_with_line(order, *, group_name: str, product_name: str, quantity: int, price: int):
    group = UppksGroupFactory(name=group_name)
    fulfillment = FulfillmentFactory(order=order, group=group, quantity=0)
    stock = StockFactory(
        variant__product__group=group,
        variant__product__name=product_name,
        variant__price=price,
        group=group,
    )
    allocate_line(fulfillment, stock, quantity)
    return fulfillment


def paid_two_group_order(*, hours_ago: int = 13):
    """An order paid ``hours_ago`` with soap from one group and coffee from another."""
    order = OrderFactory(paid=True)
    order.paid_at = timezone.now() - timedelta(hours=hours_ago)
    order.save(update_fields=["paid_at"])
    soap = fulfillment_with_line(
        order, group_name="UPPKS Melati", product_name="Sabun Propolis", quantity=3, price=25_000
    )
    coffee = fulfillment_with_line(
        order, group_name="UPPKS Gayo", product_name="Kopi Gayo Arabika", quantity=2, price=85_000
    )
    return order, soap, coffee
