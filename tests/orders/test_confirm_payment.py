from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.notifications.models import OutboxMessage
from marketplace.orders.errors import OrderError, OrderErrorCode
from marketplace.orders.models import Order, OrderChargeStatus, OrderStatus
from marketplace.orders.services import cancel_order, confirm_payment


def test_full_payment_routes_each_group_its_own_lines(place_order, soap_stock, coffee_stock):
    order = place_order((soap_stock, 2), (coffee_stock, 1))
    confirm_payment(order.pk, amount=order.total, reference="TRF-1")
    order.refresh_from_db()
    assert (order.status, order.charge_status, order.total_charged, order.expires_at) == (
        OrderStatus.UNFULFILLED,
        OrderChargeStatus.FULLY_CHARGED,
        order.total,
        None,
    )
    assert order.paid_at is not None
    routed = OutboxMessage.objects.filter(event="fulfillment_routed").order_by("subject_id")
    assert [(m.recipient, [line["sku"] for line in m.context["lines"]]) for m in routed] == [
        (soap_stock.group.members.get().user.email, [soap_stock.variant.sku]),
        (coffee_stock.group.members.get().user.email, [coffee_stock.variant.sku]),
    ]
    assert {m.context["regency"] for m in routed} == {"Kabupaten Klungkung"}
    for fulfillment in order.fulfillments.all():
        assert fulfillment.accept_deadline - order.paid_at == timedelta(hours=48)
    assert routed[0].context["accept_deadline"].endswith("WIB")


def test_a_second_confirmation_is_refused_and_changes_nothing(place_order, soap_stock):
    order = place_order((soap_stock, 1))
    confirm_payment(order.pk, amount=order.total)
    before = Order.objects.values().get(pk=order.pk)
    outbox = OutboxMessage.objects.count()
    with pytest.raises(OrderError) as error:
        confirm_payment(order.pk, amount=order.total)
    assert error.value.code == OrderErrorCode.ALREADY_PAID
    assert Order.objects.values().get(pk=order.pk) == before
    assert OutboxMessage.objects.count() == outbox


def test_a_part_payment_keeps_the_order_waiting(place_order, soap_stock):
    order = place_order((soap_stock, 1))
    confirm_payment(order.pk, amount=10_000)
    order.refresh_from_db()
    assert (order.status, order.charge_status, order.total_charged) == (
        OrderStatus.UNCONFIRMED,
        OrderChargeStatus.PARTIALLY_CHARGED,
        10_000,
    )
    assert not OutboxMessage.objects.filter(event="fulfillment_routed").exists()
    confirm_payment(order.pk, amount=order.total - 10_000)
    order.refresh_from_db()
    assert order.charge_status == OrderChargeStatus.FULLY_CHARGED


def test_more_than_is_due_is_refused(place_order, soap_stock):
    order = place_order((soap_stock, 1))
    with pytest.raises(OrderError) as error:
        confirm_payment(order.pk, amount=order.total + 1)
    assert (error.value.code, error.value.field) == (OrderErrorCode.INVALID, "amount")
    order.refresh_from_db()
    assert order.total_charged == 0


def test_a_payment_for_a_canceled_order_is_refused(place_order, soap_stock):
    order = place_order((soap_stock, 1))
    cancel_order(order.pk, actor=None, reason="Salah pesan")
    with pytest.raises(OrderError) as error:
        confirm_payment(order.pk, amount=order.total)
    assert error.value.code == OrderErrorCode.ORDER_CANCELED
    order.refresh_from_db()
    assert (order.status, order.total_charged) == (OrderStatus.CANCELED, 0)


def test_an_unknown_order_is_not_found(db):
    with pytest.raises(OrderError) as error:
        confirm_payment(424242, amount=1000)
    assert error.value.code == OrderErrorCode.NOT_FOUND


def test_paid_at_is_now(place_order, soap_stock):
    order = place_order((soap_stock, 1), paid=True)
    assert abs(order.paid_at - timezone.now()) < timedelta(minutes=1)
