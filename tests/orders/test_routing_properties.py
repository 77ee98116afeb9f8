"""Properties of ``route_line`` over arbitrary stock layouts (no database: it only reads rows)."""

from hypothesis import given
from hypothesis import strategies as st

from marketplace.catalog.models import Product, ProductVariant, Stock
from marketplace.groups.models import UppksGroup
from marketplace.orders.models import RoutingReason
from marketplace.orders.routing import route_line
from marketplace.regions.models import Regency

REGENCIES = [Regency(code=code, province_id=code[:2]) for code in ("51.05", "51.04", "11.04")]
RANK = {
    RoutingReason.SAME_REGENCY: 1,
    RoutingReason.SAME_PROVINCE: 2,
    RoutingReason.OTHER_PROVINCE: 3,
}

stock_rows = st.lists(
    st.tuples(
        st.integers(0, 2),  # regency index
        st.integers(0, 6),  # quantity
        st.integers(0, 6),  # allocated (capped at quantity)
        st.booleans(),  # group active
    ),
    min_size=1,
    max_size=8,
)


def _layout(rows):
    stocks = []
    for n, (regency, quantity, allocated, active) in enumerate(rows, start=1):
        group = UppksGroup(pk=n, regency=REGENCIES[regency], is_active=active)
        stocks.append(
            Stock(
                pk=n,
                variant_id=1,
                group=group,
                quantity=quantity,
                quantity_allocated=min(allocated, quantity),
            )
        )
    variant = ProductVariant(pk=1, product=Product(group_id=1))
    return variant, stocks


def _distance(stock, destination):
    if stock.group.regency.code == destination.code:
        return 1
    return 2 if stock.group.regency.province_id == destination.province_id else 3


@given(rows=stock_rows, quantity=st.integers(1, 6), destination=st.sampled_from(REGENCIES))
def test_the_chosen_group_can_ship_and_no_nearer_one_could(rows, quantity, destination):
    variant, stocks = _layout(rows)
    route = route_line(variant, quantity, destination=destination, stocks=stocks)
    able = [s for s in stocks if s.group.is_active and s.quantity_available >= quantity]
    if not able:
        assert route is None
        return
    assert route.stock in able
    own = [s for s in able if s.group_id == 1]
    if own:
        assert (route.stock, route.reason) == (own[0], RoutingReason.OWN_GROUP)
        return
    best = min((_distance(s, destination), s.group_id) for s in able)
    assert (RANK[route.reason], route.stock.group_id) == best


@given(rows=stock_rows, quantity=st.integers(1, 6), destination=st.sampled_from(REGENCIES))
def test_the_order_of_the_rows_does_not_change_the_choice(rows, quantity, destination):
    variant, stocks = _layout(rows)
    forward = route_line(variant, quantity, destination=destination, stocks=stocks)
    backward = route_line(variant, quantity, destination=destination, stocks=stocks[::-1])
    assert (forward and forward.stock.pk) == (backward and backward.stock.pk)
