import pytest

from marketplace.catalog.models import Stock
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.errors import OrderError, OrderErrorCode
from marketplace.orders.models import Fulfillment, FulfillmentStatus, Order, OrderStatus
from marketplace.orders.services import (
    accept_fulfillment,
    cancel_order,
    pack_fulfillment,
    ship_fulfillment,
)
from marketplace.payments.models import Refund, TransactionItem


def test_canceling_an_unpaid_order_releases_its_stock(place_order, soap_stock, coffee_stock):
    order = place_order((soap_stock, 2), (coffee_stock, 3))
    cancel_order(order.pk, actor=None, reason="Salah alamat")
    order.refresh_from_db()
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELED, "Salah alamat")
    assert set(order.fulfillments.values_list("status", flat=True)) == {FulfillmentStatus.CANCELED}
    assert set(order.lines.values_list("is_canceled", flat=True)) == {True}
    assert list(Stock.objects.order_by("pk").values_list("quantity_allocated", flat=True)) == [0, 0]
    assert not Refund.objects.exists()
    notice = OutboxMessage.objects.get(event="order_canceled")
    assert (notice.recipient, notice.context["refund_amount"]) == (order.email, 0)


def test_canceling_a_paid_order_refunds_what_was_paid(place_order, soap_stock):
    order = place_order((soap_stock, 2), paid=True)
    code = TransactionItem.objects.get(order=order).unique_code  # the bank transfer's, on top
    cancel_order(order.pk, actor=None, reason="Pembeli membatalkan")
    refund = Refund.objects.get()
    assert (refund.order_id, refund.fulfillment_id) == (order.pk, None)
    assert (refund.amount, refund.unique_code) == (order.total + code, code)
    notice = OutboxMessage.objects.get(event="order_canceled")
    assert notice.context["refund_amount"] == order.total + code  # what actually goes back
    soap_stock.refresh_from_db()
    assert soap_stock.quantity_allocated == 0


def test_an_order_with_a_shipped_parcel_cannot_be_canceled(place_order, soap_stock):
    order = place_order((soap_stock, 2), paid=True)
    fulfillment = order.fulfillments.get()
    accept_fulfillment(fulfillment.pk, actor=None)
    pack_fulfillment(fulfillment.pk, actor=None)
    ship_fulfillment(fulfillment.pk, actor=None, courier="POS", tracking_number="P1")
    outbox = OutboxMessage.objects.count()
    with pytest.raises(OrderError) as error:
        cancel_order(order.pk, actor=None, reason="Terlambat")
    assert error.value.code == OrderErrorCode.CANNOT_CANCEL_ORDER
    assert Order.objects.get(pk=order.pk).status == OrderStatus.UNFULFILLED
    assert Fulfillment.objects.get(pk=fulfillment.pk).status == FulfillmentStatus.SHIPPED
    assert OutboxMessage.objects.count() == outbox
    assert not Refund.objects.exists()


def test_canceling_needs_a_reason(place_order, soap_stock):
    order = place_order((soap_stock, 1))
    with pytest.raises(OrderError) as error:
        cancel_order(order.pk, actor=None, reason="")
    assert (error.value.code, error.value.field) == (OrderErrorCode.REQUIRED, "reason")
    assert Order.objects.get(pk=order.pk).status == OrderStatus.UNCONFIRMED
