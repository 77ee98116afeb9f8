"""Row locks in one fixed order, so concurrent checkouts and order changes never deadlock.

Every flow takes its locks in this order: checkout → order → fulfilments (by pk) → stock rows
(by pk, all in one statement). Each helper evaluates its queryset: a lazy one locks nothing.
"""

from collections.abc import Iterable

from marketplace.catalog.models import Stock

from .models import Fulfillment, Order


def locked_stocks(*, variant_ids: Iterable[int]) -> list[Stock]:
    """Every stock row of these variants, locked in pk order, with group and region loaded."""
    return list(
        Stock.objects.select_for_update(of=("self",))
        .filter(variant_id__in=sorted(set(variant_ids)))
        .select_related("group__regency")
        .order_by("pk")
    )


def locked_order(order_id: int) -> Order:
    """The order row, locked; raises ``Order.DoesNotExist``."""
    return Order.objects.select_for_update(of=("self",)).get(pk=order_id)


def locked_fulfillments(*, order_id: int) -> list[Fulfillment]:
    """All fulfilments of one order, locked in pk order."""
    return list(
        Fulfillment.objects.select_for_update(of=("self",))
        .filter(order_id=order_id)
        .select_related("group__regency")
        .order_by("pk")
    )
