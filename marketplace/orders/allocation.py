"""Moving stock counters for order lines; callers hold the stock rows' locks."""

from django.db.models import F

from marketplace.catalog.models import Stock

from .models import FulfillmentLine


def allocate(stock: Stock, quantity: int) -> None:
    """Reserve ``quantity`` on a locked stock row (the in-memory row follows)."""
    Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") + quantity)
    stock.quantity_allocated += quantity


def release(lines: list[FulfillmentLine]) -> None:
    """Give back what these fulfilment lines reserved (they have not shipped)."""
    for line in sorted(lines, key=lambda line: line.stock_id or 0):
        if line.stock_id:
            Stock.objects.filter(pk=line.stock_id).update(
                quantity_allocated=F("quantity_allocated") - line.quantity
            )


def take_out(lines: list[FulfillmentLine]) -> None:
    """The parcel left the group: the units leave the stock and the reservation ends."""
    for line in sorted(lines, key=lambda line: line.stock_id or 0):
        if line.stock_id:
            Stock.objects.filter(pk=line.stock_id).update(
                quantity=F("quantity") - line.quantity,
                quantity_allocated=F("quantity_allocated") - line.quantity,
            )
