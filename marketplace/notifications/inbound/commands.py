"""Applying a parsed command for a member: the same services, rules and audit as the portal.

The member acts only for the groups they are an active member of (``groups``), as in the
portal; an order number picks the one fulfilment of that order belonging to one of them.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.catalog.models import Stock
from marketplace.catalog.services import set_stock
from marketplace.orders import services as orders
from marketplace.orders.models import Fulfillment, FulfillmentStatus, OrderStatus

from . import parser
from .errors import InboundError, InboundErrorCode

CLOSED = (FulfillmentStatus.REJECTED, FulfillmentStatus.CANCELED)


@dataclass(frozen=True)
class Result:
    reply: str
    fulfillment: Fulfillment | None = None


def apply(command: parser.Command, *, user, groups: list) -> Result:
    """Run one command as ``user``; a refusal raises ``DomainError`` with the member's answer."""
    if command.name == parser.HELP:
        return Result(help_text())
    if command.name == parser.STOCK:
        return _set_stock(command, user=user, groups=groups)
    fulfillment = fulfillment_for(command.order_number, groups)
    number = command.order_number
    if command.name == parser.ACCEPT:
        orders.accept_fulfillment(fulfillment.pk, actor=user)
        reply = _(
            "Order %(number)s accepted for %(group)s. Pack it; when the courier has it, send: "
            "KIRIM %(number)s <courier> <tracking number>"
        )
    elif command.name == parser.REJECT:
        orders.reject_fulfillment(fulfillment.pk, actor=user, reason=command.reason)
        reply = _(
            "Order %(number)s rejected for %(group)s. It goes to another group or the buyer "
            "is refunded."
        )
    else:
        _ship(fulfillment, command, user=user)
        reply = _(
            "Order %(number)s of %(group)s shipped with %(courier)s, tracking number "
            "%(tracking)s. The buyer receives the tracking number."
        )
    return Result(
        reply
        % {
            "number": number,
            "group": fulfillment.group.name,
            "courier": command.courier,
            "tracking": command.tracking_number,
        },
        fulfillment,
    )


def fulfillment_for(number: int, groups: list) -> Fulfillment:
    """The member's groups' fulfilment of order ``number`` (paid orders only, as the portal)."""
    candidates = list(
        Fulfillment.objects.filter(order__number=number, group__in=groups)
        .exclude(order__status=OrderStatus.UNCONFIRMED)
        .select_related("group", "order")
        .order_by("pk")
    )
    if len(candidates) > 1:
        candidates = [f for f in candidates if f.status not in CLOSED] or candidates
    if not candidates:
        raise InboundError(
            InboundErrorCode.NOT_YOUR_ORDER,
            _("Order %(number)s is not for your group. Check the order number.")
            % {"number": number},
        )
    if len(candidates) > 1:
        raise InboundError(
            InboundErrorCode.AMBIGUOUS_ORDER,
            _("Order %(number)s has shipments for more than one of your groups; use the portal.")
            % {"number": number},
        )
    return candidates[0]


def _ship(fulfillment: Fulfillment, command: parser.Command, *, user) -> None:
    """Handing to the courier implies packed: an accepted shipment is packed first, together."""
    with transaction.atomic():
        if fulfillment.status == FulfillmentStatus.ACCEPTED:
            orders.pack_fulfillment(fulfillment.pk, actor=user)
        orders.ship_fulfillment(
            fulfillment.pk,
            actor=user,
            courier=command.courier,
            tracking_number=command.tracking_number,
        )


def _set_stock(command: parser.Command, *, user, groups: list) -> Result:
    stocks = list(
        Stock.objects.filter(group__in=groups, variant__sku__iexact=command.sku)
        .select_related("variant", "group")
        .order_by("pk")
    )
    if not stocks:
        raise InboundError(
            InboundErrorCode.UNKNOWN_SKU,
            _("SKU %(sku)s is not in your group's stock. Check the SKU in the order notice.")
            % {"sku": command.sku},
        )
    if len(stocks) > 1:
        raise InboundError(
            InboundErrorCode.AMBIGUOUS_SKU,
            _("More than one of your groups keeps %(sku)s; use the portal.") % {"sku": command.sku},
        )
    stock = stocks[0]
    set_stock(stock.variant_id, group_id=stock.group_id, quantity=command.quantity, actor=user)
    return Result(
        _("Stock of %(sku)s at %(group)s is now %(quantity)s.")
        % {"sku": stock.variant.sku, "group": stock.group.name, "quantity": command.quantity}
    )


def help_text() -> str:
    return "\n".join(
        [
            _("Answer with one of these:"),
            _("TERIMA 100234 (accept order 100234)"),
            _("TOLAK 100234 stok habis (reject it, with the reason)"),
            _("KIRIM 100234 JNE JP1234567890 (shipped: courier and tracking number)"),
            _("STOK SBN-01 25 (your stock of SKU SBN-01 is 25)"),
            _("BANTUAN (this help)"),
        ]
    )
