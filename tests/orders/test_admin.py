"""Staff screens: orders change only through actions that call the services; rates are national."""

import pytest
from django.urls import reverse

from marketplace.accounts.models import StaffRole
from marketplace.checkout.models import ShippingRate, ShippingScope
from marketplace.orders.models import FulfillmentStatus, Order, OrderStatus
from marketplace.orders.services import accept_fulfillment, pack_fulfillment, ship_fulfillment
from tests.factories.accounts import StaffUserFactory
from tests.factories.regions import BALI, province


@pytest.fixture
def national_admin(db):
    return StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN)


@pytest.fixture
def bali_viewer(db):
    return StaffUserFactory(staff_role=StaffRole.PROVINCE_VIEWER, staff_province=province(BALI))


def test_staff_cancel_orders_through_the_action(client, national_admin, place_order, soap_stock):
    order = place_order((soap_stock, 2))
    client.force_login(national_admin)
    response = client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "cancel_orders", "_selected_action": [order.pk]},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.cancel_reason) == (
        OrderStatus.CANCELED,
        "Dibatalkan oleh staf BKKBN.",
    )
    soap_stock.refresh_from_db()
    assert soap_stock.quantity_allocated == 0


def test_a_province_viewer_cannot_run_the_cancel_action(
    client, bali_viewer, place_order, soap_stock
):
    order = place_order((soap_stock, 1))
    client.force_login(bali_viewer)
    client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "cancel_orders", "_selected_action": [order.pk]},
    )
    assert Order.objects.get(pk=order.pk).status == OrderStatus.UNCONFIRMED


def test_an_order_page_is_read_only(client, national_admin, place_order, soap_stock):
    order = place_order((soap_stock, 1))
    client.force_login(national_admin)
    url = reverse("admin:orders_order_change", args=[order.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"total": 1, "status": "fulfilled"})
    order.refresh_from_db()
    assert (order.total, order.status) == (34_000, OrderStatus.UNCONFIRMED)


def test_staff_mark_a_shipped_parcel_delivered(client, national_admin, place_order, soap_stock):
    fulfillment = place_order((soap_stock, 1), paid=True).fulfillments.get()
    accept_fulfillment(fulfillment.pk, actor=None)
    pack_fulfillment(fulfillment.pk, actor=None)
    ship_fulfillment(fulfillment.pk, actor=None, courier="JNE", tracking_number="J9")
    client.force_login(national_admin)
    client.post(
        reverse("admin:orders_fulfillment_changelist"),
        {"action": "mark_delivered", "_selected_action": [fulfillment.pk]},
    )
    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.DELIVERED


def test_national_staff_edit_a_shipping_rate(client, national_admin):
    rate = ShippingRate.objects.get(scope=ShippingScope.SAME_REGENCY, origin_province=None)
    client.force_login(national_admin)
    response = client.post(
        reverse("admin:checkout_shippingrate_change", args=[rate.pk]),
        {
            "scope": "same_regency",
            "price_per_kg": 10_000,
            "minimum_price": 10_000,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    rate.refresh_from_db()
    assert (rate.price_per_kg, rate.minimum_price) == (10_000, 10_000)


def test_a_second_default_rate_for_the_same_scope_is_refused(client, national_admin):
    client.force_login(national_admin)
    response = client.post(
        reverse("admin:checkout_shippingrate_add"),
        {"scope": "same_regency", "price_per_kg": 1, "minimum_price": 0, "is_active": "on"},
    )
    assert response.status_code == 200
    assert ShippingRate.objects.filter(scope=ShippingScope.SAME_REGENCY).count() == 1


def test_province_staff_only_read_the_rates(client, bali_viewer):
    rate = ShippingRate.objects.get(scope=ShippingScope.SAME_REGENCY, origin_province=None)
    client.force_login(bali_viewer)
    assert client.get(reverse("admin:checkout_shippingrate_changelist")).status_code == 200
    client.post(
        reverse("admin:checkout_shippingrate_change", args=[rate.pk]),
        {"scope": "same_regency", "price_per_kg": 1, "minimum_price": 0, "is_active": "on"},
    )
    rate.refresh_from_db()
    assert rate.price_per_kg == 9_000


def test_order_list_and_page_show_rupiah_and_the_language_by_name(
    client, national_admin, place_order, soap_stock
):
    order = place_order((soap_stock, 1))
    client.force_login(national_admin)
    listing = client.get(reverse("admin:orders_order_changelist")).content.decode()
    assert "Rp 34.000" in listing
    page = client.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()
    assert "Rp 25.000" in page  # subtotal
    assert "Rp 34.000" in page  # total
    assert "Bahasa Indonesia" in page
    assert ">34000<" not in page


def test_fulfillment_list_and_page_show_the_shipping_price_in_rupiah(
    client, national_admin, place_order, soap_stock
):
    order = place_order((soap_stock, 1))
    fulfillment = order.fulfillments.get()
    fulfillment.shipping_price = 18_500
    fulfillment.save(update_fields=["shipping_price"])
    client.force_login(national_admin)
    listing = client.get(reverse("admin:orders_fulfillment_changelist")).content.decode()
    assert "Rp 18.500" in listing
    url = reverse("admin:orders_fulfillment_change", args=[fulfillment.pk])
    page = client.get(url).content.decode()
    assert "Rp 18.500" in page
    assert ">18500<" not in page
