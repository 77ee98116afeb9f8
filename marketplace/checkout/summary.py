"""How a cart splits into group shipments: routing, weights, shipping, totals.

The same plan serves the cart page (on unlocked stock, a preview) and completion (on the
locked stock rows, the decision).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marketplace.catalog.models import ProductVariant, Stock
from marketplace.groups.models import UppksGroup
from marketplace.orders import routing
from marketplace.regions.models import Regency
from marketplace.shipping.pricing import CourierPricer

from .models import Checkout, CheckoutLine
from .shipping import RateTable


@dataclass
class PlannedLine:
    line: CheckoutLine
    variant: ProductVariant
    quantity: int
    unit_price: int
    route: routing.Route | None

    @property
    def total_price(self) -> int:
        return self.unit_price * self.quantity

    @property
    def weight_g(self) -> int:
        return self.variant.weight_g * self.quantity


@dataclass
class Shipment:
    """One group's parcel: its lines, weight and shipping price."""

    group: UppksGroup
    lines: list[PlannedLine] = field(default_factory=list)
    shipping_price: int = 0
    # set by a courier pricer (marketplace.shipping.pricing): the services offered, the one
    # charged, and a note when the courier rates fell back to the rate table
    courier_options: list = field(default_factory=list)
    courier: object = None
    shipping_note: str = ""

    @property
    def weight_g(self) -> int:
        return sum(line.weight_g for line in self.lines)

    @property
    def subtotal(self) -> int:
        return sum(line.total_price for line in self.lines)


@dataclass
class CheckoutSummary:
    shipments: list[Shipment]
    unavailable_lines: list[PlannedLine]

    @property
    def subtotal(self) -> int:
        return sum(shipment.subtotal for shipment in self.shipments) + sum(
            line.total_price for line in self.unavailable_lines
        )

    @property
    def shipping_total(self) -> int:
        return sum(shipment.shipping_price for shipment in self.shipments)

    @property
    def total(self) -> int:
        return self.subtotal + self.shipping_total

    @property
    def lines(self) -> list[PlannedLine]:
        return [line for shipment in self.shipments for line in shipment.lines]


def unit_price(variant: ProductVariant, user) -> int:
    """A partner's buyer pays the partner price when the variant has one."""
    if variant.partner_price and getattr(user, "pk", None) and user.partner_accounts.exists():
        return variant.partner_price
    return variant.price


def plan_shipments(
    lines: Iterable[CheckoutLine],
    *,
    stocks: Iterable[Stock],
    destination: Regency | None,
    user=None,
    rates: RateTable | None = None,
    pricer: Callable[[list[Shipment], Regency], None] | None = None,
) -> CheckoutSummary:
    """Route every line, group the routed lines per group, price each group's shipment.

    ``pricer`` prices the shipments (courier rates, the buyer's picks); without one the rate
    table does."""
    stocks = list(stocks)
    shipments: dict[int, Shipment] = {}
    unavailable = []
    for line in lines:
        variant = line.variant
        route = routing.route_line(variant, line.quantity, destination=destination, stocks=stocks)
        planned = PlannedLine(line, variant, line.quantity, unit_price(variant, user), route)
        if route is None:
            unavailable.append(planned)
            continue
        shipment = shipments.setdefault(route.group.pk, Shipment(group=route.group))
        shipment.lines.append(planned)
    ordered = sorted(shipments.values(), key=lambda shipment: shipment.group.pk)
    if destination is not None and pricer is not None and ordered:
        pricer(ordered, destination)
    elif destination is not None:
        rates = rates or RateTable.load()
        for shipment in ordered:
            shipment.shipping_price = rates.price(
                origin=shipment.group.regency, destination=destination, weight_g=shipment.weight_g
            )
    return CheckoutSummary(shipments=ordered, unavailable_lines=unavailable)


def checkout_lines(checkout: Checkout) -> list[CheckoutLine]:
    return list(checkout.lines.select_related("variant__product__group").order_by("pk"))


def build_summary(checkout: Checkout, *, pricer=None) -> CheckoutSummary:
    """The cart page's preview: routed on current stock without locking it, priced with
    courier rates (``shipping.pricing.CourierPricer``)."""
    lines = checkout_lines(checkout)
    stocks = Stock.objects.filter(
        variant_id__in=[line.variant_id for line in lines]
    ).select_related("group__regency")
    destination = checkout.regency if checkout.regency_id else None
    return plan_shipments(
        lines,
        stocks=stocks,
        destination=destination,
        user=checkout.user,
        pricer=pricer or CourierPricer(checkout),
    )
