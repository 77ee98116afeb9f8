from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from marketplace.portal.sales import month_start, sales_this_month
from tests.factories.orders import FulfillmentFactory


def test_sales_this_month_show_goods_and_shipping_apart(portal, own_fulfillment, group_a):
    response = portal.get(reverse("portal:sales"))
    sales = response.context["sales"]
    assert (
        sales.orders,
        sales.items,
        sales.goods,
        sales.shipping,
        sales.commission,
        sales.share,
    ) == (1, 2, 170_000, 9_000, 8_500, 170_500)
    html = response.content.decode()
    assert "Penjualan barang" in html and "Ongkos kirim" in html
    assert "Rp 170.500" in html


def test_sales_posted_last_month_do_not_count(own_fulfillment, group_a):
    next_month = month_start() + timedelta(days=32)
    sales = sales_this_month(group_a, now=next_month)
    assert (sales.orders, sales.items, sales.goods, sales.shipping, sales.share) == (0, 0, 0, 0, 0)
    assert sales.start == timezone.localtime(next_month).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )


def test_an_unpaid_order_does_not_count(own_fulfillment, group_a):
    FulfillmentFactory(group=group_a, order__paid=False, quantity=3)
    sales = sales_this_month(group_a)
    assert (sales.orders, sales.items, sales.goods, sales.shipping) == (1, 2, 170_000, 9_000)
