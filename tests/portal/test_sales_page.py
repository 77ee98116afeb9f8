from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from marketplace.orders.models import Order
from marketplace.portal.sales import month_start, sales_this_month
from tests.factories.orders import FulfillmentFactory


def test_sales_this_month_sum_paid_lines_less_commission(portal, own_fulfillment, group_a):
    response = portal.get(reverse("portal:sales"))
    sales = response.context["sales"]
    assert (sales.orders, sales.items, sales.gross, sales.commission, sales.net) == (
        1,
        2,
        170_000,
        8_500,
        161_500,
    )
    assert "Rp 161.500" in response.content.decode()


def test_last_months_and_unpaid_orders_do_not_count(own_fulfillment, group_a):
    Order.objects.filter(pk=own_fulfillment.order_id).update(
        paid_at=month_start() - timedelta(minutes=1)
    )
    FulfillmentFactory(group=group_a, order__paid=False, quantity=1)
    sales = sales_this_month(group_a)
    assert (sales.orders, sales.gross) == (0, 0)
    assert sales.start == timezone.localtime(sales.start).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
