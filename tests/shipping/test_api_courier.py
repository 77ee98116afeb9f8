"""The API's courier services per group parcel, the pick, and the order charging it."""

from graphql_relay import to_global_id

from marketplace.checkout.services import add_lines
from marketplace.orders.models import Order
from tests.factories.checkout import checkout_global_id
from tests.graphql.conftest import ApiClient

from .conftest import stocked

SHIPMENTS = """
query ($id: ID!) { checkout(id: $id) { shipments {
  uppksGroup { id } shippingPrice { amount }
  courier { courier service }
  courierOptions { courier courierName service serviceName price { amount currency }
                   minimumDeliveryDays maximumDeliveryDays cashOnDelivery }
  shippingNote } totalPrice { gross { amount } } } }
"""
PICK = """
mutation ($id: ID!, $group: ID!, $courier: String!, $service: String!) {
  checkoutShipmentCourierUpdate(id: $id, uppksGroup: $group, courier: $courier, service: $service) {
    checkout { shipments { courier { courier service } shippingPrice { amount } } }
    errors { field code message } } }
"""
COMPLETE = """
mutation ($id: ID!) { checkoutComplete(id: $id) { order { id } errors { code message } } }
"""


def test_api_lists_courier_services_and_charges_the_pick(biteship, cart, gianyar_group):
    api = ApiClient()
    stock = stocked(gianyar_group)
    add_lines(cart.pk, [(stock.variant_id, 2)])
    checkout_id = checkout_global_id(cart)
    [shipment] = api.execute(SHIPMENTS, {"id": checkout_id})["checkout"]["shipments"]
    assert shipment["courier"] == {"courier": "sicepat", "service": "reg"}
    assert shipment["shippingPrice"] == {"amount": 8_000}
    assert shipment["courierOptions"][1] == {
        "courier": "jne",
        "courierName": "JNE",
        "service": "reg",
        "serviceName": "Reguler",
        "price": {"amount": 9_000, "currency": "IDR"},
        "minimumDeliveryDays": 2,
        "maximumDeliveryDays": 3,
        "cashOnDelivery": True,
    }
    assert shipment["shippingNote"] == ""

    group_id = to_global_id("UppksGroup", gianyar_group.pk)
    picked = api.execute(
        PICK, {"id": checkout_id, "group": group_id, "courier": "pos", "service": "kilat"}
    )["checkoutShipmentCourierUpdate"]
    assert picked["errors"] == []
    assert picked["checkout"]["shipments"][0]["shippingPrice"] == {"amount": 11_000}

    api.execute(COMPLETE, {"id": checkout_id})
    order = Order.objects.get()
    assert (order.shipping_total, order.total) == (11_000, 50_000 + 11_000)


def test_api_refuses_a_courier_service_not_offered(biteship, cart, gianyar_group):
    api = ApiClient()
    stock = stocked(gianyar_group)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    result = api.execute(
        PICK,
        {
            "id": checkout_global_id(cart),
            "group": to_global_id("UppksGroup", gianyar_group.pk),
            "courier": "gojek",
            "service": "instant",
        },
    )["checkoutShipmentCourierUpdate"]
    assert len(result["errors"]) == 1
    assert result["errors"][0]["code"] == "SHIPPING_METHOD_NOT_APPLICABLE"
    assert result["errors"][0]["field"] == "courier"


def test_api_courier_choices_per_group_shipment_of_three_groups(biteship, cart, three_groups):
    api = ApiClient()
    add_lines(cart.pk, [(stock.variant_id, 1) for stock in three_groups])
    checkout_id = checkout_global_id(cart)
    shipments = api.execute(SHIPMENTS, {"id": checkout_id})["checkout"]["shipments"]
    assert [len(s["courierOptions"]) for s in shipments] == [5, 5, 5]
    assert [s["courier"] for s in shipments] == [{"courier": "sicepat", "service": "reg"}] * 3
    aceh = three_groups[2].group
    picked = api.execute(
        PICK,
        {
            "id": checkout_id,
            "group": to_global_id("UppksGroup", aceh.pk),
            "courier": "jnt",
            "service": "ez",
        },
    )["checkoutShipmentCourierUpdate"]
    assert picked["errors"] == []
    assert [s["courier"]["courier"] for s in picked["checkout"]["shipments"]] == [
        "sicepat",
        "sicepat",
        "jnt",
    ]
    prices = [s["shippingPrice"]["amount"] for s in picked["checkout"]["shipments"]]
    assert prices == [8_000, 8_000, 10_000 + 12_000]  # J&T EZ from Aceh: another province
    shown = api.execute(SHIPMENTS, {"id": checkout_id})["checkout"]
    assert shown["totalPrice"]["gross"]["amount"] == 3 * 25_000 + sum(prices)
    api.execute(COMPLETE, {"id": checkout_id})
    order = Order.objects.get()
    assert order.shipping_total == sum(prices)
    assert sorted(f.shipping_price for f in order.fulfillments.all()) == sorted(prices)


def test_api_courier_api_down_gives_the_table_price_and_the_note(biteship, cart, gianyar_group):
    biteship.down = True
    api = ApiClient("id")
    stock = stocked(gianyar_group)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    checkout = api.execute(SHIPMENTS, {"id": checkout_global_id(cart)})["checkout"]
    [shipment] = checkout["shipments"]
    assert shipment["courier"] == {"courier": "pasar_uppks", "service": "reguler"}
    assert shipment["shippingPrice"] == {"amount": 14_000}
    assert shipment["shippingNote"] == (
        "Tarif kurir tidak tersedia saat ini; ongkos kirim memakai tarif Pasar UPPKS."
    )
    assert checkout["totalPrice"]["gross"]["amount"] == 25_000 + 14_000
