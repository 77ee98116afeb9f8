"""The sales page and this month's statement show the same figures, shipping apart."""

from django.urls import reverse
from django.utils import timezone

from marketplace.settlement.postings import post_fulfillment_reversed, post_payment_confirmed
from tests.factories.settlement import paid_order


def _statement_url():
    today = timezone.localdate()
    return reverse("settlement_portal:statement", args=[today.year, today.month])


def test_sales_page_and_statement_agree_for_a_month_with_shipping_and_a_refund(
    portal, own_fulfillment, group_a
):
    # given: 170.000 goods + 9.000 shipping at 5 %; 60.000 goods + 12.000 shipping at 10 %,
    # of which a 20.000 line is refunded
    second = paid_order({group_a: [40_000, 20_000]}, shipping=12_000, percent="10")
    post_payment_confirmed(second)
    post_fulfillment_reversed(second.fulfillments.get(), order_lines=[second.lines.last()])
    # when
    sales_page = portal.get(reverse("portal:sales"))
    statement_page = portal.get(_statement_url())
    # then
    sales = sales_page.context["sales"]
    totals = statement_page.context["totals"]
    assert (sales.goods, sales.shipping, sales.commission, sales.share) == (
        210_000,
        21_000,
        12_500,
        218_500,
    )
    assert (totals["goods"], totals["shipping"], totals["commission"], totals["share"]) == (
        210_000,
        21_000,
        12_500,
        218_500,
    )
    assert (sales.orders, sales.items) == (2, 3)
    sales_html = sales_page.content.decode()
    statement_html = statement_page.content.decode()
    assert '<td class="num" data-total="shipping">Rp 21.000</td>' in sales_html
    assert '<strong data-total="shipping">Rp 21.000</strong>' in statement_html
    assert '<th class="num" data-total="share">Rp 218.500</th>' in sales_html
    assert '<strong data-total="share">Rp 218.500</strong>' in statement_html


def test_the_sales_page_links_to_this_months_statement(portal, own_fulfillment):
    html = portal.get(reverse("portal:sales")).content.decode()

    assert f'<a href="{_statement_url()}">Lihat laporan bulan ini</a>' in html
