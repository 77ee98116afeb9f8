import pytest

from marketplace.catalog.models import Stock
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.errors import OrderError, OrderErrorCode
from marketplace.orders.models import (
    Fulfillment,
    FulfillmentStatus,
    OrderStatus,
    RoutingReason,
)
from marketplace.orders.services import accept_fulfillment, reject_fulfillment
from marketplace.payments.models import Refund
from tests.factories.catalog import StockFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.regions import DENPASAR, regency


def test_rejected_lines_go_to_another_group_with_stock(place_order, soap_stock):
    denpasar = UppksGroupFactory(regency=regency(DENPASAR))
    GroupMemberFactory(group=denpasar)
    backup = StockFactory(variant=soap_stock.variant, group=denpasar, quantity=4)
    order = place_order((soap_stock, 3), paid=True)
    rejected = order.fulfillments.get()
    reject_fulfillment(rejected.pk, actor=None, reason="Bahan baku habis")
    rejected.refresh_from_db()
    assert (rejected.status, rejected.rejection_reason) == (
        FulfillmentStatus.REJECTED,
        "Bahan baku habis",
    )
    new = order.fulfillments.exclude(pk=rejected.pk).get()
    assert (new.group, new.status, new.weight_g, new.shipping_price) == (
        denpasar,
        FulfillmentStatus.NEW,
        900,
        14_000,
    )
    line = order.lines.get()
    assert (line.group, line.routing_reason, line.is_canceled) == (
        denpasar,
        RoutingReason.SAME_PROVINCE,
        False,
    )
    assert list(Stock.objects.order_by("pk").values_list("quantity_allocated", flat=True)) == [0, 3]
    assert backup.pk == new.lines.get().stock_id
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED
    routed = OutboxMessage.objects.filter(event="fulfillment_routed", subject_id=str(new.pk))
    assert routed.get().recipient == denpasar.members.get().user.email
    assert not Refund.objects.exists()


def test_lines_nobody_else_stocks_are_canceled_and_refunded(place_order, soap_stock, coffee_stock):
    order = place_order((soap_stock, 2), (coffee_stock, 1), paid=True)
    soap = order.fulfillments.get(group=soap_stock.group)
    accept_fulfillment(soap.pk, actor=None)
    reject_fulfillment(soap.pk, actor=None, reason="Anggota sakit")
    line = order.lines.get(sku=soap_stock.variant.sku)
    assert line.is_canceled is True
    soap_stock.refresh_from_db()
    assert soap_stock.quantity_allocated == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED
    refund = Refund.objects.get()
    assert (refund.order_id, refund.amount, refund.fulfillment_id) == (
        order.pk,
        50_000 + 9_000,
        soap.pk,
    )
    notice = OutboxMessage.objects.get(event="fulfillment_rejected", recipient=order.email)
    assert (notice.context["refund_amount"], len(notice.context["canceled"])) == (59_000, 1)


def test_when_every_line_is_canceled_the_order_is_canceled(place_order, soap_stock):
    order = place_order((soap_stock, 1), paid=True)
    reject_fulfillment(order.fulfillments.get().pk, actor=None, reason="Tutup")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED
    assert OutboxMessage.objects.filter(event="order_canceled").count() == 1


def test_rejecting_needs_a_reason_and_changes_nothing(place_order, soap_stock):
    order = place_order((soap_stock, 2), paid=True)
    fulfillment = order.fulfillments.get()
    with pytest.raises(OrderError) as error:
        reject_fulfillment(fulfillment.pk, actor=None, reason="  ")
    assert (error.value.code, error.value.field) == (OrderErrorCode.REQUIRED, "reason")
    assert Fulfillment.objects.get(pk=fulfillment.pk).status == FulfillmentStatus.NEW
    soap_stock.refresh_from_db()
    assert soap_stock.quantity_allocated == 2


def test_a_rejected_shipment_cannot_be_rejected_again(place_order, soap_stock, coffee_stock):
    order = place_order((soap_stock, 1), (coffee_stock, 1), paid=True)
    fulfillment = order.fulfillments.get(group=soap_stock.group)
    reject_fulfillment(fulfillment.pk, actor=None, reason="Tutup")
    outbox = OutboxMessage.objects.count()
    with pytest.raises(OrderError) as error:
        reject_fulfillment(fulfillment.pk, actor=None, reason="Lagi")
    assert error.value.code == OrderErrorCode.INVALID_STATUS
    assert Fulfillment.objects.get(pk=fulfillment.pk).rejection_reason == "Tutup"
    assert OutboxMessage.objects.count() == outbox


def test_a_line_joins_the_new_shipment_another_group_already_has(
    place_order, soap_stock, coffee_stock
):
    StockFactory(variant=soap_stock.variant, group=coffee_stock.group, quantity=5)
    order = place_order((soap_stock, 2), (coffee_stock, 1), paid=True)
    coffee = order.fulfillments.get(group=coffee_stock.group)
    reject_fulfillment(
        order.fulfillments.get(group=soap_stock.group).pk, actor=None, reason="Habis"
    )
    skus = sorted(coffee.lines.values_list("order_line__sku", flat=True))
    assert skus == sorted([soap_stock.variant.sku, coffee_stock.variant.sku])
    coffee.refresh_from_db()
    assert coffee.weight_g == 1000 + 600
    notices = OutboxMessage.objects.filter(
        event="fulfillment_routed", recipient=coffee_stock.group.members.get().user.email
    ).order_by("pk")
    assert [len(n.context["lines"]) for n in notices] == [1, 2]
