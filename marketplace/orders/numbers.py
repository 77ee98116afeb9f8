"""The order number customers and groups quote: a unique, increasing integer."""

from django.db import connection
from django.db.models import Max

from .models import Order

FIRST_ORDER_NUMBER = 100001


def next_order_number() -> int:
    """Take the next number; on PostgreSQL from a sequence, so concurrent checkouts never clash.

    SQLite (the embedded default) lets one writer in at a time, so there max + 1 is safe.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval('orders_order_number_seq')")
            return int(cursor.fetchone()[0])
    highest = Order.objects.aggregate(highest=Max("number"))["highest"]
    return max(highest or 0, FIRST_ORDER_NUMBER - 1) + 1
