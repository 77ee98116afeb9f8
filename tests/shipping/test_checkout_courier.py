"""Checkout with couriers: services per group parcel, cheapest by default, the pick charged."""

import pytest

from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.services import (
    add_lines,
    checkout_summary,
    choose_courier,
    complete_checkout,
)
from marketplace.checkout.shipping import RateTable
from marketplace.orders.models import Order
from marketplace.shipping.models import Provider, Shipment

from .conftest import stocked


def test_courier_services_are_offered_per_group_parcel_cheapest_by_default(
    biteship, cart, three_groups
):
    add_lines(cart.pk, [(stock.variant_id, 1) for stock in three_groups])
    summary = checkout_summary(cart)
    assert [len(s.courier_options) for s in summary.shipments] == [5, 5, 5]
    assert [(s.courier.courier, s.shipping_price) for s in summary.shipments] == [
        ("sicepat", 8_000),  # Gianyar → Klungkung
        ("sicepat", 8_000),  # Denpasar → Klungkung
        ("sicepat", 20_000),  # Aceh Tengah → Klungkung: another province
    ]
    assert summary.shipping_total == 36_000
    assert biteship.rate_calls() == 3


def test_the_order_charges_the_courier_the_buyer_picked(biteship, cart, gianyar_group):
    stock = stocked(gianyar_group, weight_g=1_500)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    choose_courier(cart.pk, group_id=gianyar_group.pk, courier="jne", service="reg")
    shown = checkout_summary(Checkout.objects.get(pk=cart.pk))
    assert shown.shipping_total == 9_000 + 8_000
    order = complete_checkout(cart.pk, expected_shipping_total=shown.shipping_total)
    assert (order.shipping_total, order.total) == (17_000, 25_000 + 17_000)
    shipment = Shipment.objects.get(fulfillment__order=order)
    assert (shipment.provider, shipment.courier_code, shipment.service_code, shipment.price) == (
        Provider.BITESHIP,
        "jne",
        "reg",
        17_000,
    )
    assert (shipment.etd_days_min, shipment.etd_days_max) == (2, 3)
    assert shipment.fulfillment.shipping_price == 17_000
    assert biteship.rate_calls() == 1  # completion priced from the cached answer


def test_choosing_a_courier_not_offered_is_refused_and_nothing_changes(
    biteship, cart, gianyar_group
):
    stock = stocked(gianyar_group)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    with pytest.raises(CheckoutError) as error:
        choose_courier(cart.pk, group_id=gianyar_group.pk, courier="jne", service="yes")
    assert error.value.code == CheckoutErrorCode.SHIPPING_METHOD_NOT_APPLICABLE
    assert error.value.message == "Layanan kurir ini tidak tersedia untuk paket ini."
    assert Checkout.objects.get(pk=cart.pk).courier_choices == {}


def test_a_changed_courier_price_refuses_the_order_and_writes_nothing(
    biteship, cart, gianyar_group
):
    stock = stocked(gianyar_group)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    with pytest.raises(CheckoutError) as error:
        complete_checkout(cart.pk, expected_shipping_total=5_000)
    assert error.value.code == CheckoutErrorCode.SHIPPING_PRICE_CHANGED
    assert "Rp 8.000" in error.value.message
    assert Order.objects.count() == 0 and Shipment.objects.count() == 0
    assert Checkout.objects.filter(pk=cart.pk).exists()


def test_courier_api_down_at_checkout_still_gives_a_total_with_a_note(
    biteship, cart, gianyar_group
):
    biteship.down = True
    stock = stocked(gianyar_group)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    summary = checkout_summary(cart)
    [shipment] = summary.shipments
    assert shipment.shipping_price == 14_000  # the table's same-province rate
    assert shipment.shipping_note.startswith("Tarif kurir tidak tersedia")
    order = complete_checkout(cart.pk, expected_shipping_total=14_000)
    stored = Shipment.objects.get(fulfillment__order=order)
    assert (stored.provider, stored.courier_code, stored.price) == (
        Provider.RATE_TABLE,
        "pasar_uppks",
        14_000,
    )
    assert stored.note.startswith("Tarif kurir tidak tersedia")


def test_checkout_page_lists_courier_services_and_posts_the_pick(
    biteship, client, cart, gianyar_group
):
    from storefront_theme.cart import CHECKOUT_SESSION_KEY

    stock = stocked(gianyar_group)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    session = client.session
    session[CHECKOUT_SESSION_KEY] = cart.pk
    session.save()
    page = client.get("/checkout/").content.decode()
    assert f'name="courier-{gianyar_group.pk}"' in page
    assert "SiCepat SIUNTUNG" in page and "Rp 8.000" in page and "1–2" in page
    response = client.post(
        "/checkout/kurir/",
        {"group": gianyar_group.pk, f"courier-{gianyar_group.pk}": "pos:kilat"},
    )
    assert response.status_code == 302
    assert Checkout.objects.get(pk=cart.pk).courier_choices == {
        str(gianyar_group.pk): ["pos", "kilat"]
    }


def test_courier_api_down_the_checkout_page_shows_the_table_total_and_the_note(
    biteship, client, cart, gianyar_group
):
    from storefront_theme.cart import CHECKOUT_SESSION_KEY

    biteship.down = True
    stock = stocked(gianyar_group)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    session = client.session
    session[CHECKOUT_SESSION_KEY] = cart.pk
    session.save()
    page = client.get("/checkout/").content.decode()
    assert "Tarif kurir tidak tersedia saat ini" in page
    assert "Tarif Pasar UPPKS Reguler — Rp 14.000" in page
    assert "Rp 39.000" in page  # 25.000 + 14.000: never a blank total


def test_courier_volumetric_weight_of_a_variant_prices_its_group_parcel(
    biteship, cart, gianyar_group
):
    # a 300 g basket in a 40 x 30 x 20 cm box: 4 kg by volume
    stock = stocked(gianyar_group, length_cm=40, width_cm=30, height_cm=20)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    [shipment] = checkout_summary(cart).shipments
    # at 4 kg POS's low per-kg rate wins: 11.000 + 3 × 6.000
    assert (shipment.courier.courier, shipment.shipping_price) == ("pos", 29_000)
    assert shipment.courier_options[-1].price == 8_000 + 3 * 9_000  # SiCepat, cheapest at 1 kg
    [(_method, _path, body)] = biteship.requests
    assert {key: body["items"][0][key] for key in ("weight", "length", "width", "height")} == {
        "weight": 300,
        "length": 40,
        "width": 30,
        "height": 20,
    }


def test_courier_volumetric_weight_is_used_by_the_rate_table_too(cart, gianyar_group, settings):
    settings.BITESHIP_API_KEY = ""
    small = stocked(gianyar_group)
    add_lines(cart.pk, [(small.variant_id, 1)])
    flat = checkout_summary(cart).shipments[0].shipping_price
    boxed = stocked(gianyar_group, length_cm=40, width_cm=30, height_cm=20)
    add_lines(cart.pk, [(boxed.variant_id, 1)])
    [shipment] = checkout_summary(Checkout.objects.get(pk=cart.pk)).shipments
    assert shipment.courier.courier == "pasar_uppks"
    table = RateTable.load()
    ends = {"origin": gianyar_group.regency, "destination": cart.regency}
    assert flat == table.price(**ends, weight_g=300)
    # the parcel's 4 kg by volume is charged, not the 600 g on the scale
    assert shipment.shipping_price == table.price(**ends, weight_g=4_000)
    assert shipment.shipping_price > table.price(**ends, weight_g=600)
