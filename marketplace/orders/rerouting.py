"""After a group rejects: release its stock, move each line to another group or cancel it."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from marketplace.checkout.shipping import RateTable
from marketplace.settlement.commission import commission_percent

from . import routing
from .allocation import allocate, release
from .locks import locked_stocks
from .models import Fulfillment, FulfillmentLine, FulfillmentStatus, Order, OrderLine


@dataclass
class RerouteOutcome:
    rerouted: list[tuple[OrderLine, Fulfillment]] = field(default_factory=list)
    canceled: list[OrderLine] = field(default_factory=list)
    new_fulfillments: list[Fulfillment] = field(default_factory=list)
    # first line added to a shipment that already existed (its group was told before)
    added_to_existing: dict[int, FulfillmentLine] = field(default_factory=dict)


def reroute_lines(order: Order, rejected: Fulfillment) -> RerouteOutcome:
    """Re-route the rejected fulfilment's lines; the caller holds the order's locks.

    Groups that already rejected this order, and groups whose own shipment of it is past
    ``new`` (their packing list must not change under them), are not asked. A group whose
    shipment is still ``new`` gets the line added to it. Shipping of a new shipment is priced
    from the table; the customer pays nothing more.
    """
    fulfillment_lines = list(
        rejected.lines.select_related("order_line__variant__product", "stock").order_by("pk")
    )
    order_lines = [fl.order_line for fl in fulfillment_lines if not fl.order_line.is_canceled]
    stocks = locked_stocks(variant_ids=[line.variant_id for line in order_lines if line.variant_id])
    release(fulfillment_lines)
    for stock in stocks:  # the rows in memory must reflect the release
        for fl in fulfillment_lines:
            if fl.stock_id == stock.pk:
                stock.quantity_allocated -= fl.quantity
    others = list(order.fulfillments.exclude(pk=rejected.pk).select_related("group__regency"))
    excluded = {rejected.group_id} | {
        f.group_id for f in others if f.status != FulfillmentStatus.NEW
    }
    targets = {f.group_id: f for f in others if f.status == FulfillmentStatus.NEW}
    outcome = RerouteOutcome()
    for line in order_lines:
        route = None
        if line.variant_id:
            route = routing.route_line(
                line.variant,
                line.quantity,
                destination=order.regency,
                stocks=stocks,
                exclude_group_ids=excluded,
            )
        if route is None:
            line.is_canceled = True
            line.save(update_fields=["is_canceled"])
            outcome.canceled.append(line)
            continue
        allocate(route.stock, line.quantity)
        target = targets.get(route.group.pk)
        if target is None:
            target = Fulfillment.objects.create(
                order=order,
                group=route.group,
                accept_deadline=timezone.now() + timedelta(hours=settings.FULFILLMENT_ACCEPT_HOURS),
            )
            targets[route.group.pk] = target
            outcome.new_fulfillments.append(target)
        added = FulfillmentLine.objects.create(
            fulfillment=target, order_line=line, quantity=line.quantity, stock=route.stock
        )
        if target not in outcome.new_fulfillments:
            outcome.added_to_existing.setdefault(target.pk, added)
        target.weight_g += line.weight_g * line.quantity
        line.group = route.group
        line.routing_reason = route.reason
        line.commission_percent = commission_percent(line.variant.product, route.group)
        line.save(update_fields=["group", "routing_reason", "commission_percent"])
        outcome.rerouted.append((line, target))
    rates = RateTable.load()
    for target in {id(t): t for _line, t in outcome.rerouted}.values():
        if target in outcome.new_fulfillments:
            target.shipping_price = rates.price(
                origin=target.group.regency, destination=order.regency, weight_g=target.weight_g
            )
        target.save(update_fields=["weight_g", "shipping_price", "updated_at"])
    return outcome
