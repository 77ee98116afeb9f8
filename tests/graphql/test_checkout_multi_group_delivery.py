"""Two groups, one Saleor delivery method: priced as the sum of the parcels, named for them,
broken down in the API, and exactly what the placed order charges."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from marketplace.orders.models import Fulfillment, Order
from tests.factories.checkout import checkout_global_id

from .checkout_flow import (
    CHECKOUT,
    COMPLETE,
    DELIVERY_METHOD_UPDATE,
    DELIVERY_OPTIONS,
    ORDER,
    two_group_checkout,
)


def test_one_method_priced_as_the_sum_of_the_group_parcels(api):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)

    options = api.execute(DELIVERY_OPTIONS, {"id": checkout_id})["deliveryOptionsCalculate"]

    (delivery,) = options["deliveries"]
    method = delivery["shippingMethod"]
    breakdown = json.loads({m["key"]: m["value"] for m in method["metadata"]}["shipments"])
    assert options["errors"] == []
    assert method["name"] == "Delivery from 2 groups"
    assert [(p["name"].split()[0], p["weightGrams"]) for p in breakdown] == [
        ("UPPKS", 800),
        ("UPPKS", 400),
    ]
    assert method["price"] == {"amount": sum(p["price"] for p in breakdown), "currency": "IDR"}
    assert all(p["price"] > 0 for p in breakdown)
    assert method["active"] is True
    assert (method["minimumDeliveryDays"], method["maximumDeliveryDays"]) == (2, 7)


def test_the_name_is_indonesian_for_an_indonesian_shopper(api):
    checkout = two_group_checkout()

    response = api.client.post(
        "/graphql/",
        json.dumps({"query": DELIVERY_OPTIONS, "variables": {"id": checkout_global_id(checkout)}}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="id",
    ).json()

    method = response["data"]["deliveryOptionsCalculate"]["deliveries"][0]["shippingMethod"]
    assert method["name"] == "Pengiriman dari 2 kelompok"


def test_choosing_the_delivery_and_paying_what_the_storefront_showed(api):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)
    delivery = api.execute(DELIVERY_OPTIONS, {"id": checkout_id})["deliveryOptionsCalculate"][
        "deliveries"
    ][0]

    chosen = api.execute(
        DELIVERY_METHOD_UPDATE, {"id": checkout_id, "deliveryMethodId": delivery["id"]}
    )["checkoutDeliveryMethodUpdate"]
    shown = chosen["checkout"]
    completed = api.execute(COMPLETE, {"id": checkout_id})["checkoutComplete"]

    order = Order.objects.get()
    assert chosen["errors"] == []
    assert shown["delivery"]["id"] == delivery["id"]
    shown_shipping = shown["shippingPrice"]["gross"]["amount"]
    assert shown_shipping == delivery["shippingMethod"]["price"]["amount"]
    assert shown["subtotalPrice"]["gross"]["amount"] == 110_000
    assert completed["errors"] == []
    assert completed["order"]["channel"] == {"slug": "default-channel"}
    assert order.total == shown["totalPrice"]["gross"]["amount"]
    assert order.shipping_total == shown["shippingPrice"]["gross"]["amount"]
    assert sorted(Fulfillment.objects.values_list("shipping_price", flat=True)) == sorted(
        p["price"] for p in json.loads(delivery["shippingMethod"]["metadata"][0]["value"])
    )
    assert Fulfillment.objects.values("group").distinct().count() == 2


def test_the_order_names_and_prices_the_same_delivery(api):
    checkout = two_group_checkout()
    checkout_id = checkout_global_id(checkout)
    shown = api.execute(CHECKOUT, {"id": checkout_id})["checkout"]
    api.execute(COMPLETE, {"id": checkout_id})

    from_api = api.execute(ORDER, {"id": to_global_id("Order", str(checkout.token))})["order"]

    assert from_api["id"] == to_global_id("Order", str(Order.objects.get().token))
    assert from_api["deliveryMethod"]["name"] == "Delivery from 2 groups"
    shown_shipping = shown["shippingPrice"]["gross"]["amount"]
    assert from_api["deliveryMethod"]["price"]["amount"] == shown_shipping
    assert from_api["shippingPrice"]["gross"]["amount"] == shown["shippingPrice"]["gross"]["amount"]
    assert from_api["total"]["gross"]["amount"] == shown["totalPrice"]["gross"]["amount"]
    assert from_api["discounts"] == []
    assert from_api["voucher"] is None


def test_a_wrong_delivery_id_is_refused(api):
    checkout = two_group_checkout()

    result = api.execute(
        DELIVERY_METHOD_UPDATE,
        {"id": checkout_global_id(checkout), "deliveryMethodId": "RGVsaXZlcnk6b3RoZXI="},
    )["checkoutDeliveryMethodUpdate"]

    assert [(e["code"], e["field"]) for e in result["errors"]] == [
        ("DELIVERY_METHOD_NOT_APPLICABLE", "deliveryMethodId")
    ]


def test_a_checkout_costs_the_same_queries_for_more_lines(api):
    small = two_group_checkout()
    with CaptureQueriesContext(connection) as two_lines:
        api.execute(CHECKOUT, {"id": checkout_global_id(small)})
    big = two_group_checkout(email="made@example.id")
    extra = two_group_checkout(email="x@example.id")
    for line in extra.lines.all():
        line.pk = None
        line.checkout = big
        line.save()
    with CaptureQueriesContext(connection) as four_lines:
        result = api.execute(CHECKOUT, {"id": checkout_global_id(big)})["checkout"]

    assert len(result["lines"]) == 4
    assert len(four_lines) <= len(two_lines) + 1
