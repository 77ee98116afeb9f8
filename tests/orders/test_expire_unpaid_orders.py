from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from marketplace.catalog.models import Stock
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.services import confirm_payment, expire_unpaid_orders
from marketplace.orders.tasks import expire_unpaid_orders_task


def test_unpaid_orders_past_their_expiry_are_canceled_and_release_stock(place_order, soap_stock):
    late = place_order((soap_stock, 2))
    fresh = place_order((soap_stock, 3))
    Order.objects.filter(pk=late.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert expire_unpaid_orders() == 1
    late.refresh_from_db()
    fresh.refresh_from_db()
    assert (late.status, fresh.status) == (OrderStatus.CANCELED, OrderStatus.UNCONFIRMED)
    assert late.cancel_reason == "Tidak dibayar tepat waktu."
    assert Stock.objects.get(pk=soap_stock.pk).quantity_allocated == 3
    assert OutboxMessage.objects.filter(event="order_canceled").count() == 1


def test_bank_transfer_orders_expire_after_the_configured_hours(place_order, soap_stock):
    order = place_order((soap_stock, 1))
    assert expire_unpaid_orders(now=order.created_at + timedelta(hours=23)) == 0
    hours = settings.UNPAID_ORDER_EXPIRY_HOURS
    assert expire_unpaid_orders(now=order.created_at + timedelta(hours=hours, minutes=1)) == 1


def test_paid_and_part_paid_orders_never_expire(place_order, soap_stock):
    paid = place_order((soap_stock, 1), paid=True)
    part = place_order((soap_stock, 1))
    confirm_payment(part.pk, amount=1_000)
    later = timezone.now() + timedelta(days=3)
    assert expire_unpaid_orders(now=later) == 0
    assert set(Order.objects.values_list("status", flat=True)) == {
        OrderStatus.UNFULFILLED,
        OrderStatus.UNCONFIRMED,
    }
    assert paid.pk != part.pk


def test_the_beat_task_runs_the_expiry_and_is_safe_to_repeat(place_order, soap_stock):
    order = place_order((soap_stock, 1))
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert expire_unpaid_orders_task.apply().get() == 1
    assert expire_unpaid_orders_task.apply().get() == 0
    assert OutboxMessage.objects.filter(event="order_canceled").count() == 1
    assert "expire-unpaid-orders" in settings.CELERY_BEAT_SCHEDULE
