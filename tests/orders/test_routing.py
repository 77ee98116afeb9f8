"""One variant stocked by groups near and far: the line goes to the expected group each time."""

import pytest

from marketplace.catalog.models import Stock
from marketplace.orders.models import RoutingReason
from marketplace.orders.routing import route_line
from tests.factories.catalog import ProductVariantFactory, StockFactory
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, DENPASAR, GIANYAR, JAKARTA_SELATAN, regency


@pytest.fixture
def network(db):
    """A soap made in Aceh Tengah, also stocked in Jakarta, Denpasar and Gianyar."""
    maker = UppksGroupFactory(regency=regency(ACEH_TENGAH))
    variant = ProductVariantFactory(product__group=maker)
    groups = {
        "maker": maker,
        "jakarta": UppksGroupFactory(regency=regency(JAKARTA_SELATAN)),
        "denpasar": UppksGroupFactory(regency=regency(DENPASAR)),
        "gianyar": UppksGroupFactory(regency=regency(GIANYAR)),
    }
    stocks = {
        name: StockFactory(variant=variant, group=group, quantity=5)
        for name, group in groups.items()
    }
    return variant, stocks


def _route(variant, quantity, destination_code, **kwargs):
    stocks = Stock.objects.filter(variant=variant).select_related("group__regency")
    return route_line(
        variant, quantity, destination=regency(destination_code), stocks=stocks, **kwargs
    )


def test_the_producing_group_ships_when_it_has_the_stock(network):
    variant, stocks = network
    route = _route(variant, 5, GIANYAR)
    assert (route.stock, route.reason) == (stocks["maker"], RoutingReason.OWN_GROUP)


def test_a_group_in_the_delivery_regency_comes_next(network):
    variant, stocks = network
    Stock.objects.filter(pk=stocks["maker"].pk).update(quantity_allocated=5)
    route = _route(variant, 1, GIANYAR)
    assert (route.stock, route.reason) == (stocks["gianyar"], RoutingReason.SAME_REGENCY)


def test_then_a_group_in_the_delivery_province(network):
    variant, stocks = network
    Stock.objects.filter(pk=stocks["maker"].pk).update(quantity_allocated=5)
    Stock.objects.filter(pk=stocks["gianyar"].pk).update(quantity=0)
    route = _route(variant, 1, GIANYAR)
    assert (route.stock, route.reason) == (stocks["denpasar"], RoutingReason.SAME_PROVINCE)


def test_then_any_group_elsewhere(network):
    variant, stocks = network
    Stock.objects.filter(pk=stocks["maker"].pk).update(quantity=0)
    route = _route(variant, 2, "11.17", exclude_group_ids=[stocks["denpasar"].group_id])
    # Bener Meriah (Aceh): no group there or in Aceh with stock; the lowest group id wins
    assert (route.stock, route.reason) == (stocks["jakarta"], RoutingReason.OTHER_PROVINCE)


def test_a_group_without_the_whole_quantity_is_skipped(network):
    variant, stocks = network
    Stock.objects.filter(pk=stocks["gianyar"].pk).update(quantity_allocated=4)
    Stock.objects.filter(pk=stocks["maker"].pk).update(quantity=1)
    route = _route(variant, 2, GIANYAR)
    assert route.stock == stocks["denpasar"]


def test_inactive_groups_are_never_chosen(network):
    variant, stocks = network
    Stock.objects.filter(pk=stocks["maker"].pk).update(quantity=0)
    stocks["gianyar"].group.is_active = False
    stocks["gianyar"].group.save()
    assert _route(variant, 1, GIANYAR).stock == stocks["denpasar"]


def test_no_route_when_no_group_has_the_quantity(network):
    variant, _stocks = network
    assert _route(variant, 6, GIANYAR) is None


def test_routing_is_deterministic(network):
    variant, _stocks = network
    Stock.objects.filter(variant=variant, group__regency__province_id="51").update(quantity=0)
    Stock.objects.filter(variant=variant, group__regency__province_id="11").update(quantity=0)
    first = UppksGroupFactory(regency=regency(JAKARTA_SELATAN))
    StockFactory(variant=variant, group=first, quantity=5)
    chosen = {_route(variant, 1, GIANYAR).group.pk for _ in range(5)}
    assert chosen == {
        min(Stock.objects.filter(variant=variant, quantity=5).values_list("group_id", flat=True))
    }
