from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.catalog.models import ProductStatus, Stock
from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.services import add_lines, complete_checkout, set_payment_method
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import (
    FulfillmentStatus,
    Order,
    OrderChargeStatus,
    OrderStatus,
    RoutingReason,
)
from tests.factories.checkout import CheckoutFactory


def test_completion_creates_the_order_with_one_fulfillment_per_group(
    checkout, klungkung_stock, aceh_stock
):
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 2), (aceh_stock.variant_id, 1)])
    before = timezone.now()
    order = complete_checkout(checkout.pk)
    assert (order.status, order.charge_status) == (
        OrderStatus.UNCONFIRMED,
        OrderChargeStatus.NOT_CHARGED,
    )
    assert (order.subtotal, order.shipping_total, order.total) == (110_000, 73_000, 183_000)
    assert (order.email, order.regency_id, order.first_name) == (
        checkout.email,
        "51.05",
        "Komang",
    )
    assert before + timedelta(hours=24) <= order.expires_at <= timezone.now() + timedelta(hours=24)
    lines = [
        (
            line.sku,
            line.quantity,
            line.unit_price,
            line.total_price,
            line.group_id,
            line.routing_reason,
        )
        for line in order.lines.all()
    ]
    assert lines == [
        (
            klungkung_stock.variant.sku,
            2,
            25_000,
            50_000,
            klungkung_stock.group_id,
            RoutingReason.OWN_GROUP,
        ),
        (aceh_stock.variant.sku, 1, 60_000, 60_000, aceh_stock.group_id, RoutingReason.OWN_GROUP),
    ]
    assert {line.commission_percent for line in order.lines.all()} == {Decimal("5")}
    fulfillments = [
        (
            f.group_id,
            f.status,
            f.shipping_price,
            f.weight_g,
            [(fl.quantity, fl.stock_id) for fl in f.lines.all()],
        )
        for f in order.fulfillments.all()
    ]
    assert fulfillments == [
        (klungkung_stock.group_id, FulfillmentStatus.NEW, 9_000, 600, [(2, klungkung_stock.pk)]),
        (aceh_stock.group_id, FulfillmentStatus.NEW, 64_000, 1200, [(1, aceh_stock.pk)]),
    ]
    assert list(Stock.objects.order_by("pk").values_list("quantity", "quantity_allocated")) == [
        (5, 2),
        (20, 1),
    ]
    assert not Checkout.objects.filter(pk=checkout.pk).exists()
    placed = OutboxMessage.objects.get(event="order_placed")
    assert (placed.recipient, placed.context["total"]) == (checkout.email, 183_000)


def test_order_numbers_increase(klungkung_stock):
    numbers = []
    for _ in range(2):
        checkout = CheckoutFactory()
        add_lines(checkout.pk, [(klungkung_stock.variant_id, 1)])
        numbers.append(complete_checkout(checkout.pk).number)
    assert numbers[1] == numbers[0] + 1


def test_card_orders_expire_sooner(checkout, klungkung_stock, stripe_keys):
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 1)])
    set_payment_method(checkout.pk, "card")
    order = complete_checkout(checkout.pk)
    assert order.payment_method == "card"
    assert order.expires_at <= timezone.now() + timedelta(minutes=60)


def _refused(checkout_id, code, field):
    with pytest.raises(CheckoutError) as error:
        complete_checkout(checkout_id)
    assert (error.value.code, error.value.field) == (code, field)
    assert Order.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert Checkout.objects.filter(pk=checkout_id).exists()


def test_empty_cart_is_refused(checkout):
    _refused(checkout.pk, CheckoutErrorCode.NO_LINES, "lines")


def test_missing_email_is_refused(klungkung_stock):
    checkout = CheckoutFactory(email="")
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 1)])
    _refused(checkout.pk, CheckoutErrorCode.EMAIL_NOT_SET, "email")


def test_missing_address_is_refused(klungkung_stock):
    checkout = CheckoutFactory(regency=None, province=None, district=None)
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 1)])
    _refused(checkout.pk, CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET, "shipping_address")


def test_product_withdrawn_after_it_was_added_is_refused(checkout, klungkung_stock):
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 1)])
    klungkung_stock.variant.product.status = ProductStatus.REJECTED
    klungkung_stock.variant.product.save()
    _refused(checkout.pk, CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE, "lines")


def test_stock_sold_meanwhile_is_refused_and_nothing_is_allocated(
    checkout, klungkung_stock, aceh_stock
):
    add_lines(checkout.pk, [(aceh_stock.variant_id, 1), (klungkung_stock.variant_id, 5)])
    Stock.objects.filter(pk=klungkung_stock.pk).update(quantity_allocated=1)
    _refused(checkout.pk, CheckoutErrorCode.INSUFFICIENT_STOCK, "lines")
    assert list(Stock.objects.order_by("pk").values_list("quantity_allocated", flat=True)) == [1, 0]


def test_a_completed_checkout_cannot_be_completed_again(checkout, klungkung_stock):
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 1)])
    complete_checkout(checkout.pk)
    with pytest.raises(CheckoutError) as error:
        complete_checkout(checkout.pk)
    assert error.value.code == CheckoutErrorCode.NOT_FOUND
    assert Order.objects.count() == 1


def test_card_checkout_is_refused_once_stripe_is_no_longer_configured(
    checkout, klungkung_stock, stripe_keys, settings
):
    # given
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 1)])
    set_payment_method(checkout.pk, "card")
    settings.STRIPE_SECRET_KEY = ""
    # when / then
    _refused(checkout.pk, CheckoutErrorCode.INVALID, "payment_method")
    klungkung_stock.refresh_from_db()
    assert klungkung_stock.quantity_allocated == 0
