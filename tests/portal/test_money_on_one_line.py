"""Amounts never break between "Rp" and the number on a narrow phone."""

from django.contrib.staticfiles import finders
from django.urls import reverse


def _portal_css() -> str:
    with open(finders.find("portal/portal.css"), encoding="utf-8") as css:
        return css.read()


def test_money_cells_and_inline_amounts_do_not_wrap():
    css = _portal_css()

    assert "td.num,th.num{text-align:right;white-space:nowrap}" in css
    assert ".rp{white-space:nowrap}" in css


def test_sales_amounts_are_in_money_cells(portal, own_fulfillment):
    html = portal.get(reverse("portal:sales")).content.decode()

    assert '<th class="num" data-total="share">Rp 170.500</th>' in html
    assert '<td class="num" data-total="goods">Rp 170.000</td>' in html
    assert '<td class="num" data-total="shipping">Rp 9.000</td>' in html


def test_product_prices_and_shipping_are_kept_on_one_line(portal, own_fulfillment):
    products = portal.get(reverse("portal:products")).content.decode()
    detail = portal.get(reverse("portal:fulfillment", args=[own_fulfillment.pk])).content.decode()

    assert products.count('<span class="rp">Rp ') == own_fulfillment.group.products.count()
    assert '<td class="num">Rp 85.000</td>' in detail
    assert '<span class="rp">Rp ' in detail
