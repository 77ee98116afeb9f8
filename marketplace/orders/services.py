"""Order and fulfilment transitions; each checks the current state and refuses an illegal one.

Lock order everywhere: order → its fulfilments (pk order) → stock rows (pk order, one
statement). Outbox rows and ledger postings are written in the same transaction.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core import audit
from marketplace.payments import refunds
from marketplace.settlement import postings

from . import notices
from .allocation import release, take_out
from .errors import OrderError, OrderErrorCode
from .locks import locked_fulfillments, locked_order, locked_stocks
from .models import (
    Fulfillment,
    FulfillmentStatus,
    Order,
    OrderChargeStatus,
    OrderStatus,
)
from .rerouting import reroute_lines

PAID_STATUSES = (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)


def _order(order_id: int) -> Order:
    try:
        return locked_order(order_id)
    except Order.DoesNotExist:
        raise OrderError(OrderErrorCode.NOT_FOUND, _("Order not found."), field="order")


def _fulfillment(fulfillment_id: int) -> tuple[Order, Fulfillment]:
    """Lock the fulfilment's order, then the order's fulfilments; return both."""
    order_id = Fulfillment.objects.filter(pk=fulfillment_id).values_list("order_id", flat=True)
    order_id = order_id.first()
    if order_id is None:
        raise OrderError(OrderErrorCode.NOT_FOUND, _("Shipment not found."), field="fulfillment")
    order = _order(order_id)
    fulfillment = next(f for f in locked_fulfillments(order_id=order_id) if f.pk == fulfillment_id)
    fulfillment.order = order
    return order, fulfillment


def _refuse_transition(fulfillment: Fulfillment, action: str) -> OrderError:
    return OrderError(
        OrderErrorCode.INVALID_STATUS,
        _("A shipment that is “%(status)s” cannot be %(action)s.")
        % {"status": fulfillment.get_status_display(), "action": action},
        field="status",
    )


def _require_paid(order: Order) -> None:
    if order.status not in PAID_STATUSES:
        raise OrderError(
            OrderErrorCode.CANNOT_FULFILL_UNPAID_ORDER,
            _("This order is not paid, or was canceled."),
            field="order",
        )


def _save(obj, **values) -> None:
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save(update_fields=[*values, "updated_at"])


def confirm_payment(order_id: int, *, amount: int, actor=None, reference: str = "") -> Order:
    """Record money received; once the order is fully paid, the groups get their shipments.

    A confirmation for an order already fully paid is refused (``ALREADY_PAID``), so a
    repeated webhook or a double click changes nothing.
    """
    if not isinstance(amount, int) or amount <= 0:
        raise OrderError(OrderErrorCode.INVALID, _("Enter the amount received."), field="amount")
    with transaction.atomic():
        order = _order(order_id)
        if order.status == OrderStatus.CANCELED:
            raise OrderError(
                OrderErrorCode.ORDER_CANCELED,
                _("Order #%(number)s was canceled; the payment must be refunded.")
                % {"number": order.number},
                field="order",
            )
        if not order.can_confirm_payment() or order.amount_due == 0:
            raise OrderError(
                OrderErrorCode.ALREADY_PAID,
                _("Order #%(number)s is already paid.") % {"number": order.number},
                field="order",
            )
        if amount > order.amount_due:
            raise OrderError(
                OrderErrorCode.INVALID,
                _("%(amount)s is more than the %(due)s still due.")
                % {"amount": amount, "due": order.amount_due},
                field="amount",
            )
        total_charged = order.total_charged + amount
        if total_charged < order.total:
            _save(
                order,
                total_charged=total_charged,
                charge_status=OrderChargeStatus.PARTIALLY_CHARGED,
            )
        else:
            _mark_paid(order, total_charged=total_charged)
        audit.record(
            actor,
            order,
            "payment_confirmed",
            {"amount": [None, amount], "reference": [None, reference]},
        )
    return order


def _mark_paid(order: Order, *, total_charged: int) -> None:
    now = timezone.now()
    _save(
        order,
        total_charged=total_charged,
        charge_status=OrderChargeStatus.FULLY_CHARGED,
        status=OrderStatus.UNFULFILLED,
        paid_at=now,
        expires_at=None,
    )
    deadline = now + timedelta(hours=settings.FULFILLMENT_ACCEPT_HOURS)
    for fulfillment in locked_fulfillments(order_id=order.pk):
        fulfillment.order = order
        _save(fulfillment, accept_deadline=deadline)
        notices.fulfillment_routed(fulfillment)
    postings.post_payment_confirmed(order)


def accept_fulfillment(fulfillment_id: int, *, actor) -> Fulfillment:
    """The group takes the shipment on."""
    with transaction.atomic():
        order, fulfillment = _fulfillment(fulfillment_id)
        _require_paid(order)
        if not fulfillment.can_accept():
            raise _refuse_transition(fulfillment, _("accepted"))
        _save(fulfillment, status=FulfillmentStatus.ACCEPTED, accepted_at=timezone.now())
        audit.record(actor, fulfillment, "fulfillment_accepted")
    return fulfillment


def pack_fulfillment(fulfillment_id: int, *, actor) -> Fulfillment:
    """The parcel is packed and waits for the courier."""
    with transaction.atomic():
        order, fulfillment = _fulfillment(fulfillment_id)
        _require_paid(order)
        if not fulfillment.can_pack():
            raise _refuse_transition(fulfillment, _("packed"))
        _save(fulfillment, status=FulfillmentStatus.PACKED, packed_at=timezone.now())
        audit.record(actor, fulfillment, "fulfillment_packed")
    return fulfillment


def ship_fulfillment(
    fulfillment_id: int, *, actor, courier: str, tracking_number: str
) -> Fulfillment:
    """Handed to the courier: the units leave the group's stock; the customer gets tracking."""
    courier, tracking_number = (courier or "").strip(), (tracking_number or "").strip()
    if not courier:
        raise OrderError(OrderErrorCode.REQUIRED, _("Enter the courier."), field="courier")
    if not tracking_number:
        raise OrderError(
            OrderErrorCode.REQUIRED, _("Enter the tracking number."), field="tracking_number"
        )
    with transaction.atomic():
        order, fulfillment = _fulfillment(fulfillment_id)
        _require_paid(order)
        if not fulfillment.can_ship():
            raise _refuse_transition(fulfillment, _("shipped"))
        lines = list(fulfillment.lines.all())
        locked_stocks(variant_ids=[line.stock.variant_id for line in lines if line.stock_id])
        take_out(lines)
        _save(
            fulfillment,
            status=FulfillmentStatus.SHIPPED,
            shipped_at=timezone.now(),
            courier=courier[:60],
            tracking_number=tracking_number[:60],
        )
        notices.fulfillment_shipped(fulfillment)
        audit.record(
            actor, fulfillment, "fulfillment_shipped", {"tracking_number": [None, tracking_number]}
        )
    return fulfillment


def deliver_fulfillment(fulfillment_id: int, *, actor=None) -> Fulfillment:
    """The customer has the parcel: the group's share becomes payable."""
    with transaction.atomic():
        order, fulfillment = _fulfillment(fulfillment_id)
        if order.payment_method == "cod":  # the cash is recorded with it: orders.cod
            raise OrderError(
                OrderErrorCode.INVALID,
                _("Cash on delivery: enter the cash collected to mark it delivered."),
                field="cash_collected",
            )
        if not fulfillment.can_deliver():
            raise _refuse_transition(fulfillment, _("delivered"))
        _save(fulfillment, status=FulfillmentStatus.DELIVERED, delivered_at=timezone.now())
        _update_order_status(order)
        notices.fulfillment_delivered(fulfillment)
        postings.post_fulfillment_delivered(fulfillment)
        audit.record(actor, fulfillment, "fulfillment_delivered")
    return fulfillment


def _update_order_status(order: Order) -> None:
    """Fulfilled when every live shipment is delivered; partly when some are."""
    statuses = set(
        order.fulfillments.exclude(
            status__in=[FulfillmentStatus.REJECTED, FulfillmentStatus.CANCELED]
        ).values_list("status", flat=True)
    )
    if not statuses:
        return
    if statuses == {FulfillmentStatus.DELIVERED}:
        new_status = OrderStatus.FULFILLED
    elif FulfillmentStatus.DELIVERED in statuses:
        new_status = OrderStatus.PARTIALLY_FULFILLED
    else:
        new_status = OrderStatus.UNFULFILLED
    if order.status != new_status:
        _save(order, status=new_status)


def reject_fulfillment(fulfillment_id: int, *, actor, reason: str) -> Fulfillment:
    """The group cannot make it: its stock is released and each line goes to another group
    with stock, or is canceled and refunded when none has it."""
    reason = (reason or "").strip()
    if not reason:
        raise OrderError(OrderErrorCode.REQUIRED, _("Give a reason."), field="reason")
    with transaction.atomic():
        order, fulfillment = _fulfillment(fulfillment_id)
        _require_paid(order)
        if not fulfillment.can_reject():
            raise _refuse_transition(fulfillment, _("rejected"))
        outcome = reroute_lines(order, fulfillment)
        _save(
            fulfillment,
            status=FulfillmentStatus.REJECTED,
            rejected_at=timezone.now(),
            rejection_reason=reason[:2000],
        )
        refund = sum(line.total_price for line in outcome.canceled)
        if outcome.canceled and not outcome.rerouted:
            refund += fulfillment.shipping_price
        # the rejecting group keeps nothing: its lines (moved or canceled) and its shipping
        postings.post_fulfillment_reversed(fulfillment)
        if refund and order.is_charged:
            written = refunds.request_refund(
                order.pk, amount=refund, reason=reason, fulfillment_id=fulfillment.pk
            )
            refund = _refunded(written, refund)
        notices.fulfillment_rejected(
            fulfillment, rerouted=outcome.rerouted, canceled=outcome.canceled, refund_amount=refund
        )
        for target in outcome.new_fulfillments:
            notices.fulfillment_routed(target)
        for target, added_line in {
            id(t): (t, outcome.added_to_existing[t.pk])
            for _line, t in outcome.rerouted
            if t.pk in outcome.added_to_existing
        }.values():
            notices.fulfillment_routed(target, added_line=added_line)
        if not order.lines.filter(is_canceled=False).exists():
            _save(
                order, status=OrderStatus.CANCELED, canceled_at=timezone.now(), cancel_reason=reason
            )
            notices.order_canceled(order, refund_amount=refund)
        else:
            _update_order_status(order)
        audit.record(actor, fulfillment, "fulfillment_rejected", {"reason": [None, reason]})
    return fulfillment


def cancel_order(order_id: int, *, actor, reason: str) -> Order:
    """Cancel before anything shipped: stock goes back, a paid order is refunded."""
    reason = (reason or "").strip()
    if not reason:
        raise OrderError(OrderErrorCode.REQUIRED, _("Give a reason."), field="reason")
    with transaction.atomic():
        order = _order(order_id)
        if not order.can_cancel():
            raise OrderError(
                OrderErrorCode.CANNOT_CANCEL_ORDER,
                _("Order #%(number)s can no longer be canceled.") % {"number": order.number},
                field="order",
            )
        refund = _cancel(order, reason=reason)
        if refund:
            written = refunds.request_refund(order.pk, amount=refund, reason=reason)
            refund = _refunded(written, refund)
        notices.order_canceled(order, refund_amount=refund)
        audit.record(actor, order, "order_canceled", {"reason": [None, reason]})
    return order


def _cancel(order: Order, *, reason: str) -> int:
    """Release every live shipment's stock and cancel the order; return the amount to refund."""
    fulfillments = [
        f
        for f in locked_fulfillments(order_id=order.pk)
        if f.status in (FulfillmentStatus.NEW, FulfillmentStatus.ACCEPTED, FulfillmentStatus.PACKED)
    ]
    lines = [line for f in fulfillments for line in f.lines.select_related("stock")]
    locked_stocks(variant_ids=[line.stock.variant_id for line in lines if line.stock_id])
    release(lines)
    for fulfillment in fulfillments:
        fulfillment.order = order
        _save(fulfillment, status=FulfillmentStatus.CANCELED)
        if order.is_charged:
            postings.post_fulfillment_reversed(fulfillment)
    order.lines.update(is_canceled=True)
    refund = max(order.total_charged - order.total_refunded, 0)
    _save(order, status=OrderStatus.CANCELED, canceled_at=timezone.now(), cancel_reason=reason)
    return refund


def _refunded(written: list, asked: int) -> int:
    """What the customer gets back: the refunds written, a bank transfer's unique code included
    when the whole order goes back (``payments.refunds``), else what was asked."""
    return sum(refund.amount for refund in written) or asked


def expire_unpaid_orders(now: datetime | None = None) -> int:
    """Cancel unpaid orders past their expiry and free their stock; returns how many.

    Each order is expired in its own short transaction; one that got paid meanwhile is
    skipped. A part-paid order is left for staff, who refund or chase the rest.
    """
    now = now or timezone.now()
    due = Order.objects.filter(
        status=OrderStatus.UNCONFIRMED,
        charge_status=OrderChargeStatus.NOT_CHARGED,
        expires_at__lte=now,
    ).values_list("pk", flat=True)
    expired = 0
    for order_id in list(due.order_by("pk")):
        with transaction.atomic():
            order = _order(order_id)
            if order.status != OrderStatus.UNCONFIRMED or order.is_charged:
                continue
            _cancel(order, reason=_("Not paid in time."))
            notices.order_canceled(order, refund_amount=0)
            audit.record(None, order, "order_expired")
            expired += 1
    return expired
