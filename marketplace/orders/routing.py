"""Which group ships an order line: the one strategy function, ``route_line``.

To try another strategy, replace ``route_line`` (same signature); checkout completion and
rejection re-routing both call it through this module.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from marketplace.catalog.models import ProductVariant, Stock
from marketplace.regions.models import Regency

from .models import RoutingReason

_RANK = {
    RoutingReason.SAME_REGENCY: 1,
    RoutingReason.SAME_PROVINCE: 2,
    RoutingReason.OTHER_PROVINCE: 3,
}


@dataclass(frozen=True)
class Route:
    stock: Stock
    reason: RoutingReason

    @property
    def group(self):
        return self.stock.group


def _distance(stock: Stock, destination: Regency | None) -> RoutingReason:
    if destination is None:
        return RoutingReason.OTHER_PROVINCE
    regency = stock.group.regency
    if regency.pk == destination.pk:
        return RoutingReason.SAME_REGENCY
    if regency.province_id == destination.province_id:
        return RoutingReason.SAME_PROVINCE
    return RoutingReason.OTHER_PROVINCE


def route_line(
    variant: ProductVariant,
    quantity: int,
    *,
    destination: Regency | None,
    stocks: Iterable[Stock],
    exclude_group_ids: Iterable[int] = (),
) -> Route | None:
    """Pick the stock row that ships ``quantity`` of ``variant`` to ``destination``.

    The producing group first when it holds the whole quantity; otherwise the nearest other
    active group that does, measured from the delivery address: same kabupaten/kota, then same
    province, then anywhere; ties go to the lowest group id, so the choice is deterministic.
    ``stocks`` are the candidate rows (locked by the caller when it allocates). Without a
    destination (a cart with no address yet) the nearest is the lowest group id. None when no
    group can ship the whole line.
    """
    excluded = set(exclude_group_ids)
    candidates = [
        stock
        for stock in stocks
        if stock.variant_id == variant.pk
        and stock.group.is_active
        and stock.group_id not in excluded
        and stock.quantity_available >= quantity
    ]
    own_group_id = variant.product.group_id
    for stock in candidates:
        if stock.group_id == own_group_id:
            return Route(stock, RoutingReason.OWN_GROUP)
    if not candidates:
        return None
    best = min(candidates, key=lambda s: (_RANK[_distance(s, destination)], s.group_id))
    return Route(best, _distance(best, destination))
