"""Cash on delivery (bayar di tempat): the order goes to the groups unpaid, ships, and each
group collects its parcel's money at the door.

Money: nothing is charged when the order is placed; the cash a group collects is recorded on
delivery (``payments.cod.record_cash_collected``), and settlement credits nothing payable to the
group, which owes the commission instead (``settlement.postings.post_cod_delivered``). A parcel
refused at the door comes back to the group's stock; no money moved, so none moves back.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core import audit
from marketplace.payments.cod import record_cash_collected
from marketplace.settlement import postings

from . import notices
from .errors import OrderError, OrderErrorCode
from .locks import locked_fulfillments, locked_stocks
from .models import (
    Fulfillment,
    FulfillmentStatus,
    OrderChargeStatus,
    OrderStatus,
    PaymentMethod,
)
from .services import _fulfillment, _order, _refuse_transition, _save, _update_order_status


def route_cod_order(order_id: int) -> None:
    """Send a new COD order to its groups at once: they prepare it before any money is paid."""
    with transaction.atomic():
        order = _order(order_id)
        if order.payment_method != PaymentMethod.COD or order.status != OrderStatus.UNCONFIRMED:
            return
        _save(order, status=OrderStatus.UNFULFILLED, expires_at=None)
        deadline = timezone.now() + timedelta(hours=settings.FULFILLMENT_ACCEPT_HOURS)
        for fulfillment in locked_fulfillments(order_id=order.pk):
            fulfillment.order = order
            _save(fulfillment, accept_deadline=deadline)
            notices.fulfillment_routed(fulfillment)


def cod_amount_due(fulfillment: Fulfillment) -> int:
    """What the courier collects for this parcel: its group's live lines and its shipping."""
    lines = fulfillment.order.lines.filter(group_id=fulfillment.group_id, is_canceled=False)
    return sum(line.total_price for line in lines) + fulfillment.shipping_price


def cod_live_due(order) -> int:
    """What the order's live parcels cost (lines not canceled, shipping of parcels neither
    canceled nor rejected): a parcel refused at the door is no longer owed by anyone."""
    lines = order.lines.filter(is_canceled=False).values_list("total_price", flat=True)
    shipping = order.fulfillments.exclude(
        status__in=[FulfillmentStatus.CANCELED, FulfillmentStatus.REJECTED]
    ).values_list("shipping_price", flat=True)
    return sum(lines) + sum(shipping)


def _cod_charge_status(order, total_charged: int) -> str:
    """Paid when the cash collected covers every live parcel, partly while some live parcel
    is still to be paid at the door (never "partly" because a parcel was refused)."""
    if total_charged <= 0:
        return OrderChargeStatus.NOT_CHARGED
    if total_charged >= cod_live_due(order):
        return OrderChargeStatus.FULLY_CHARGED
    return OrderChargeStatus.PARTIALLY_CHARGED


def _cod_fulfillment(fulfillment_id: int):
    order, fulfillment = _fulfillment(fulfillment_id)
    if order.payment_method != PaymentMethod.COD:
        raise OrderError(
            OrderErrorCode.INVALID, _("This order is not cash on delivery."), field="order"
        )
    return order, fulfillment


def deliver_cod_fulfillment(fulfillment_id: int, *, cash_collected: int, actor) -> Fulfillment:
    """The buyer paid the courier: record the cash, mark it delivered, the group owes commission."""
    with transaction.atomic():
        order, fulfillment = _cod_fulfillment(fulfillment_id)
        if not fulfillment.can_deliver():
            raise _refuse_transition(fulfillment, _("delivered"))
        due = cod_amount_due(fulfillment)
        if cash_collected != due:
            raise OrderError(
                OrderErrorCode.INVALID,
                _("Enter the cash collected: %(due)s for this parcel.") % {"due": due},
                field="cash_collected",
            )
        _save(fulfillment, status=FulfillmentStatus.DELIVERED, delivered_at=timezone.now())
        record_cash_collected(order, fulfillment, amount=due, actor=actor)
        total_charged = order.total_charged + due
        _save(
            order,
            total_charged=total_charged,
            charge_status=_cod_charge_status(order, total_charged),
            paid_at=order.paid_at or timezone.now(),
        )
        _update_order_status(order)
        notices.fulfillment_delivered(fulfillment)
        postings.post_cod_delivered(fulfillment)
        audit.record(actor, fulfillment, "cod_delivered", {"cash_collected": [None, due]})
    return fulfillment


def refuse_cod_delivery(fulfillment_id: int, *, actor, reason: str) -> Fulfillment:
    """The buyer refused the parcel at the door: it goes back to the group's stock."""
    reason = (reason or "").strip()
    if not reason:
        raise OrderError(OrderErrorCode.REQUIRED, _("Give a reason."), field="reason")
    with transaction.atomic():
        order, fulfillment = _cod_fulfillment(fulfillment_id)
        if fulfillment.status != FulfillmentStatus.SHIPPED:
            raise _refuse_transition(fulfillment, _("refused at the door"))
        lines = list(fulfillment.lines.select_related("stock"))
        stocks = locked_stocks(
            variant_ids=[line.stock.variant_id for line in lines if line.stock_id]
        )
        by_pk = {stock.pk: stock for stock in stocks}
        for line in sorted(lines, key=lambda line: line.stock_id or 0):
            if line.stock_id in by_pk:
                stock = by_pk[line.stock_id]
                stock.quantity += line.quantity
                stock.save(update_fields=["quantity"])
        _save(fulfillment, status=FulfillmentStatus.CANCELED, rejection_reason=reason[:2000])
        order.lines.filter(group_id=fulfillment.group_id).update(is_canceled=True)
        live = order.fulfillments.exclude(
            status__in=[FulfillmentStatus.CANCELED, FulfillmentStatus.REJECTED]
        )
        if not live.exists():
            _save(
                order, status=OrderStatus.CANCELED, canceled_at=timezone.now(), cancel_reason=reason
            )
            notices.order_canceled(order, refund_amount=0)
        else:
            charge_status = _cod_charge_status(order, order.total_charged)
            if charge_status != order.charge_status:
                _save(order, charge_status=charge_status)
            _update_order_status(order)
        audit.record(actor, fulfillment, "cod_refused", {"reason": [None, reason]})
    return fulfillment
