"""The order notices: who gets them and the JSON context their templates render.

Called inside the service's transaction; ``outbox.enqueue`` writes the rows and schedules the
sending after commit. Amounts are whole rupiah, dates pre-formatted in Western Indonesia time.
"""

from django.conf import settings
from django.utils import timezone

from marketplace.notifications import outbox
from marketplace.notifications.models import Channel

from .models import Fulfillment, FulfillmentLine, Order, OrderLine


def _when(value) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M %Z")


def _customer(order: Order) -> list[outbox.Recipient]:
    return [outbox.Recipient(Channel.EMAIL, order.email, order.language or "id")]


def _line(line: OrderLine, quantity: int | None = None) -> dict:
    quantity = line.quantity if quantity is None else quantity
    return {
        "product_name": line.product_name,
        "variant_name": line.variant_name,
        "sku": line.sku,
        "quantity": quantity,
        "unit_price": line.unit_price,
        "total_price": line.unit_price * quantity,
    }


def _order_context(order: Order, lines: list[OrderLine] | None = None) -> dict:
    lines = order.lines.all() if lines is None else lines
    return {
        "order_number": order.number,
        "customer_name": order.full_name,
        "subtotal": order.subtotal,
        "shipping_total": order.shipping_total,
        "total": order.total,
        "payment_method": order.payment_method,
        "lines": [_line(line) for line in lines if not line.is_canceled],
        "regency": order.regency.name,
        "province": order.province.name,
    }


def order_placed(
    order: Order,
    *,
    lines: list[OrderLine] | None = None,
    fulfillments: list[Fulfillment] | None = None,
) -> None:
    """To the customer: what was ordered, who makes it, how and until when to pay.

    Completion passes the rows it just inserted, so nothing is read back."""
    if fulfillments is None:
        fulfillments = list(order.fulfillments.select_related("group__regency"))
    context = _order_context(order, lines)
    context.update(
        expires_at=_when(order.expires_at),
        shipments=[
            {
                "group_name": f.group.name,
                "regency": f.group.regency.name,
                "shipping": f.shipping_price,
            }
            for f in fulfillments
        ],
        order_token=str(order.token),
        bank_name=settings.BANK_TRANSFER_BANK_NAME,
        bank_account_number=settings.BANK_TRANSFER_ACCOUNT_NUMBER,
        bank_account_holder=settings.BANK_TRANSFER_ACCOUNT_HOLDER,
    )
    outbox.enqueue("order_placed", about=order, recipients=_customer(order), context=context)


def _fulfillment_context(fulfillment: Fulfillment) -> dict:
    order = fulfillment.order
    return {
        "order_number": order.number,
        "group_name": fulfillment.group.name,
        "lines": [
            _line(fl.order_line, fl.quantity)
            for fl in fulfillment.lines.select_related("order_line")
        ],
        "shipping_price": fulfillment.shipping_price,
        "weight_g": fulfillment.weight_g,
        "regency": order.regency.name,
        "province": order.province.name,
        "customer_name": order.full_name,
    }


def fulfillment_routed(
    fulfillment: Fulfillment, *, added_line: FulfillmentLine | None = None
) -> None:
    """To the group: only its own lines, the delivery kabupaten and the deadline to accept.

    ``added_line``: a re-routed line joined a shipment the group was already told about; the
    notice (with the whole, updated packing list) is then about that line, so it is sent again.
    """
    context = _fulfillment_context(fulfillment)
    context["accept_deadline"] = _when(fulfillment.accept_deadline)
    context["fulfillment_id"] = fulfillment.pk
    outbox.enqueue(
        "fulfillment_routed",
        about=added_line or fulfillment,
        recipients=outbox.recipients_for_group(fulfillment.group),
        context=context,
    )


def fulfillment_shipped(fulfillment: Fulfillment) -> None:
    context = _fulfillment_context(fulfillment)
    context.update(courier=fulfillment.courier, tracking_number=fulfillment.tracking_number)
    outbox.enqueue(
        "fulfillment_shipped",
        about=fulfillment,
        recipients=_customer(fulfillment.order),
        context=context,
    )


def fulfillment_delivered(fulfillment: Fulfillment) -> None:
    context = _fulfillment_context(fulfillment)
    context["delivered_at"] = _when(fulfillment.delivered_at)
    outbox.enqueue(
        "fulfillment_delivered",
        about=fulfillment,
        recipients=_customer(fulfillment.order),
        context=context,
    )


def fulfillment_rejected(
    fulfillment: Fulfillment,
    *,
    rerouted: list[tuple[OrderLine, Fulfillment]],
    canceled: list[OrderLine],
    refund_amount: int,
) -> None:
    """To the customer (what moves to another group, what is canceled and refunded) and to
    the province's staff, who follow up on groups that turn orders down."""
    context = _fulfillment_context(fulfillment)
    context.update(
        reason=fulfillment.rejection_reason,
        rerouted=[{**_line(line), "group_name": target.group.name} for line, target in rerouted],
        canceled=[_line(line) for line in canceled],
        refund_amount=refund_amount,
    )
    recipients = _customer(fulfillment.order) + outbox.recipients_for_province_staff(
        fulfillment.group.regency.province_id
    )
    outbox.enqueue(
        "fulfillment_rejected", about=fulfillment, recipients=recipients, context=context
    )


def order_canceled(order: Order, *, refund_amount: int) -> None:
    context = _order_context(order)
    context.update(
        reason=order.cancel_reason,
        refund_amount=refund_amount,
        lines=[_line(line) for line in order.lines.all()],
    )
    outbox.enqueue("order_canceled", about=order, recipients=_customer(order), context=context)
