import pytest

from marketplace.catalog.models import Stock
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.errors import OrderError, OrderErrorCode
from marketplace.orders.models import Fulfillment, FulfillmentStatus, OrderStatus
from marketplace.orders.services import (
    accept_fulfillment,
    deliver_fulfillment,
    pack_fulfillment,
    ship_fulfillment,
)


def _ship(fulfillment, actor):
    accept_fulfillment(fulfillment.pk, actor=actor)
    pack_fulfillment(fulfillment.pk, actor=actor)
    return ship_fulfillment(fulfillment.pk, actor=actor, courier="JNE", tracking_number="JN123")


def test_a_group_accepts_packs_ships_and_the_customer_is_told(
    place_order, soap_stock, group_member
):
    order = place_order((soap_stock, 3), paid=True)
    fulfillment = order.fulfillments.get()
    _ship(fulfillment, group_member)
    fulfillment.refresh_from_db()
    assert (fulfillment.status, fulfillment.courier, fulfillment.tracking_number) == (
        FulfillmentStatus.SHIPPED,
        "JNE",
        "JN123",
    )
    assert fulfillment.accepted_at <= fulfillment.packed_at <= fulfillment.shipped_at
    soap_stock.refresh_from_db()
    assert (soap_stock.quantity, soap_stock.quantity_allocated) == (7, 0)
    shipped = OutboxMessage.objects.get(event="fulfillment_shipped")
    assert (shipped.recipient, shipped.context["tracking_number"]) == (order.email, "JN123")


def test_delivery_of_every_shipment_fulfills_the_order(place_order, soap_stock, coffee_stock):
    order = place_order((soap_stock, 1), (coffee_stock, 1), paid=True)
    first, second = order.fulfillments.order_by("pk")
    _ship(first, None)
    deliver_fulfillment(first.pk)
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    _ship(second, None)
    deliver_fulfillment(second.pk)
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert OutboxMessage.objects.filter(event="fulfillment_delivered").count() == 2


@pytest.mark.parametrize(
    ("steps", "action"),
    [
        ([], pack_fulfillment),
        ([accept_fulfillment], accept_fulfillment),
        ([accept_fulfillment], deliver_fulfillment),
    ],
)
def test_an_illegal_transition_is_refused(place_order, soap_stock, steps, action):
    order = place_order((soap_stock, 1), paid=True)
    fulfillment = order.fulfillments.get()
    for step in steps:
        step(fulfillment.pk, actor=None)
    status = Fulfillment.objects.get(pk=fulfillment.pk).status
    with pytest.raises(OrderError) as error:
        action(fulfillment.pk, actor=None)
    assert error.value.code == OrderErrorCode.INVALID_STATUS
    assert Fulfillment.objects.get(pk=fulfillment.pk).status == status


def test_shipping_before_packing_is_refused_and_stock_stays(place_order, soap_stock):
    order = place_order((soap_stock, 2), paid=True)
    fulfillment = order.fulfillments.get()
    accept_fulfillment(fulfillment.pk, actor=None)
    with pytest.raises(OrderError) as error:
        ship_fulfillment(fulfillment.pk, actor=None, courier="JNE", tracking_number="X1")
    assert error.value.code == OrderErrorCode.INVALID_STATUS
    assert Stock.objects.values_list("quantity", "quantity_allocated").get(pk=soap_stock.pk) == (
        10,
        2,
    )
    assert not OutboxMessage.objects.filter(event="fulfillment_shipped").exists()


def test_shipping_needs_a_tracking_number(place_order, soap_stock):
    order = place_order((soap_stock, 1), paid=True)
    fulfillment = order.fulfillments.get()
    accept_fulfillment(fulfillment.pk, actor=None)
    pack_fulfillment(fulfillment.pk, actor=None)
    with pytest.raises(OrderError) as error:
        ship_fulfillment(fulfillment.pk, actor=None, courier="JNE", tracking_number=" ")
    assert (error.value.code, error.value.field) == (OrderErrorCode.REQUIRED, "tracking_number")
    assert Fulfillment.objects.get(pk=fulfillment.pk).status == FulfillmentStatus.PACKED


def test_an_unpaid_order_cannot_be_accepted(place_order, soap_stock):
    order = place_order((soap_stock, 1))
    fulfillment = order.fulfillments.get()
    with pytest.raises(OrderError) as error:
        accept_fulfillment(fulfillment.pk, actor=None)
    assert error.value.code == OrderErrorCode.CANNOT_FULFILL_UNPAID_ORDER
    assert Fulfillment.objects.get(pk=fulfillment.pk).status == FulfillmentStatus.NEW
