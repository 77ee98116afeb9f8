from decimal import Decimal

import pytest
from django.test import override_settings

from marketplace.core.models import AuditEntry
from marketplace.settlement.commission import (
    commission_percent,
    commission_percents,
    set_category_commission,
    set_group_commission,
)
from marketplace.settlement.errors import SettlementError, SettlementErrorCode
from marketplace.settlement.models import CategoryCommission, GroupCommission
from marketplace.settlement.postings import post_payment_confirmed
from tests.factories.accounts import StaffUserFactory
from tests.factories.catalog import CategoryFactory, ProductFactory, category
from tests.factories.settlement import balance, paid_order

pytestmark = pytest.mark.django_db


@override_settings(MARKETPLACE_DEFAULT_COMMISSION_PERCENT=5)
def test_without_rates_the_default_applies():
    product = ProductFactory()

    assert commission_percent(product, product.group) == Decimal("5.00")


def test_a_category_rate_applies_to_its_sub_categories():
    parent = category("anyaman")
    child = CategoryFactory(parent=parent)
    product = ProductFactory(category=child)
    set_category_commission(parent.pk, percent="7.5", actor=StaffUserFactory())

    assert commission_percent(product, product.group) == Decimal("7.50")


def test_a_group_override_wins_and_may_be_zero():
    product = ProductFactory()
    set_category_commission(product.category_id, percent=10, actor=None)
    set_group_commission(product.group_id, percent=0, actor=None, reason="Program subsidi BKKBN")

    assert commission_percent(product, product.group) == Decimal("0.00")


@override_settings(MARKETPLACE_DEFAULT_COMMISSION_PERCENT=5)
def test_a_zero_category_rate_is_kept_not_replaced_by_the_default():
    product = ProductFactory()
    set_category_commission(product.category_id, percent=0, actor=None)

    assert commission_percent(product, product.group) == Decimal("0.00")


def test_rates_for_a_whole_order_take_three_queries(django_assert_num_queries):
    parent = category("anyaman")
    set_category_commission(parent.pk, percent="7.5", actor=None)
    products = [ProductFactory(category=CategoryFactory(parent=parent)) for _ in range(4)]
    set_group_commission(products[0].group_id, percent=0, actor=None)
    pairs = [(product, product.group) for product in products]

    with django_assert_num_queries(3):
        percents = commission_percents(pairs)

    assert percents == [Decimal("0.00")] + [Decimal("7.50")] * 3
    assert percents == [commission_percent(product, group) for product, group in pairs]


def test_changing_a_rate_never_rewrites_a_sold_line():
    product = ProductFactory()
    order = paid_order({product.group: [100_000]}, shipping=0, percent="10")
    post_payment_confirmed(order)

    set_group_commission(product.group_id, percent=50, actor=None)
    post_payment_confirmed(order)

    assert order.lines.get().commission_percent == Decimal("10")
    assert balance(product.group, "pending") == 90_000


@pytest.mark.parametrize("percent", ["100.01", 101, -1, "abc", "NaN", "5.555"])
def test_commission_outside_zero_to_hundred_is_refused_and_nothing_saved(percent):
    product = ProductFactory()

    with pytest.raises(SettlementError) as error:
        set_group_commission(product.group_id, percent=percent, actor=None)
    with pytest.raises(SettlementError):
        set_category_commission(product.category_id, percent=percent, actor=None)

    assert (error.value.code, error.value.field) == (
        SettlementErrorCode.COMMISSION_OUT_OF_RANGE,
        "percent",
    )
    assert not GroupCommission.objects.exists()
    assert not CategoryCommission.objects.exists()
    assert not AuditEntry.objects.exists()


def test_hundred_percent_is_allowed():
    product = ProductFactory()

    rate = set_group_commission(product.group_id, percent=100, actor=None)

    assert rate.percent == Decimal("100.00")
