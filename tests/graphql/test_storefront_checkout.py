"""Checkout as the storefront drives it: create, add, update, delete, find, address, complete."""

import base64

from marketplace.checkout.models import Checkout
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Fulfillment, Order
from tests.factories.accounts import UserFactory
from tests.factories.graphql import storefront_product

from .queries import (
    CHECKOUT_ADD_LINE,
    CHECKOUT_COMPLETE,
    CHECKOUT_CREATE,
    CHECKOUT_DELETE_LINES,
    CHECKOUT_DELIVERY_METHOD_UPDATE,
    CHECKOUT_EMAIL_UPDATE,
    CHECKOUT_FIND,
    CHECKOUT_SHIPPING_ADDRESS_UPDATE,
    CHECKOUT_UPDATE_LINE,
)

ADDRESS = {
    "firstName": "Putu",
    "lastName": "Wirawan",
    "streetAddress1": "Jl. Gajah Mada No. 12, RT 002/RW 001",
    "streetAddress2": "Semarapura Kangin",
    "city": "Kabupaten Klungkung",
    "countryArea": "Bali",
    "postalCode": "80711",
    "country": "ID",
    "phone": "081234567890",
}


def _gid(type_name, pk):
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _variants(product):
    return [_gid("ProductVariant", v.pk) for v in product.variants.order_by("pk")]


def _create(api, lines=()):
    result = api.execute(
        CHECKOUT_CREATE,
        {
            "channel": "default-channel",
            "lines": [{"variantId": v, "quantity": q} for v, q in lines],
        },
    )["checkoutCreate"]
    assert result["errors"] == []
    return result["checkout"]


def test_create_add_update_delete_and_find(api):
    product = storefront_product(prices=(25_000, 30_000))
    sereh, melati = _variants(product)

    checkout = _create(api, [(sereh, 1)])
    added = api.execute(
        CHECKOUT_ADD_LINE, {"id": checkout["id"], "productVariantId": melati, "quantity": 2}
    )["checkoutLinesAdd"]
    line_ids = [line["id"] for line in added["checkout"]["lines"]]
    updated = api.execute(
        CHECKOUT_UPDATE_LINE, {"id": checkout["id"], "lineId": line_ids[0], "quantity": 3}
    )["checkoutLinesUpdate"]
    deleted = api.execute(
        CHECKOUT_DELETE_LINES, {"checkoutId": checkout["id"], "lineIds": [line_ids[1]]}
    )["checkoutLinesDelete"]
    found = api.execute(CHECKOUT_FIND, {"id": checkout["id"]})["checkout"]

    assert checkout["lines"][0]["variant"]["name"] == "Sereh"
    assert added["errors"] == []
    assert [line["quantity"] for line in added["checkout"]["lines"]] == [1, 2]
    assert added["checkout"]["subtotalPrice"]["gross"] == {"amount": 85000.0, "currency": "IDR"}
    assert updated["checkout"]["lines"][0]["totalPrice"]["gross"]["amount"] == 75000.0
    assert deleted["errors"] == []
    assert found["lines"] == deleted["checkout"]["lines"]
    assert [(line["variant"]["id"], line["quantity"]) for line in found["lines"]] == [(sereh, 3)]
    assert found["totalPrice"]["gross"]["amount"] == 75000.0
    assert found["shippingPrice"]["gross"]["amount"] == 0.0


def test_adding_more_than_the_stock_is_refused_and_changes_nothing(api):
    product = storefront_product(prices=(25_000,), stock=2)
    (variant,) = _variants(product)
    checkout = _create(api, [(variant, 1)])

    result = api.execute(
        CHECKOUT_ADD_LINE, {"id": checkout["id"], "productVariantId": variant, "quantity": 5}
    )["checkoutLinesAdd"]

    assert len(result["errors"]) == 1
    assert result["errors"][0]["code"] == "INSUFFICIENT_STOCK"
    assert result["errors"][0]["variants"] == [variant]
    assert result["checkout"] is None
    assert list(Checkout.objects.get().lines.values_list("quantity", flat=True)) == [1]


def test_unknown_checkout_is_not_found(api):
    missing = _gid("Checkout", "5b1c3c1e-4f0e-4c1e-9c1e-000000000000")

    result = api.execute(CHECKOUT_EMAIL_UPDATE, {"id": missing, "email": "putu@example.id"})[
        "checkoutEmailUpdate"
    ]

    assert result["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a node: checkout."}
    ]


def test_promo_codes_are_invalid(api):
    product = storefront_product(prices=(25_000,))
    checkout = _create(api, [(_variants(product)[0], 1)])

    result = api.execute(
        """mutation($id: ID!) { checkoutAddPromoCode(id: $id, promoCode: "DISKON50") {
             checkout { id } errors { field code } } }""",
        {"id": checkout["id"]},
    )["checkoutAddPromoCode"]

    assert result == {"checkout": None, "errors": [{"field": "promoCode", "code": "INVALID"}]}


def test_full_checkout_places_an_order_routed_to_the_group(api, mailoutbox):
    product = storefront_product(prices=(25_000,), stock=10)
    (variant,) = _variants(product)
    checkout = _create(api, [(variant, 2)])

    email = api.execute(CHECKOUT_EMAIL_UPDATE, {"id": checkout["id"], "email": "Putu@Example.id"})[
        "checkoutEmailUpdate"
    ]
    address = api.execute(
        CHECKOUT_SHIPPING_ADDRESS_UPDATE, {"id": checkout["id"], "address": ADDRESS}
    )["checkoutShippingAddressUpdate"]
    method_id = address["checkout"]["shippingMethods"][0]["id"]
    delivery = api.execute(
        CHECKOUT_DELIVERY_METHOD_UPDATE, {"id": checkout["id"], "deliveryMethodId": method_id}
    )["checkoutDeliveryMethodUpdate"]
    completed = api.execute(CHECKOUT_COMPLETE, {"id": checkout["id"]})["checkoutComplete"]

    assert email["checkout"]["email"] == "putu@example.id"
    assert address["errors"] == []
    assert address["checkout"]["shippingAddress"] == {
        "firstName": "Putu",
        "streetAddress1": "Jl. Gajah Mada No. 12, RT 002/RW 001",
        "city": "Kabupaten Klungkung",
        "cityArea": "",
        "countryArea": "Bali",
        "postalCode": "80711",
        "country": {"code": "ID"},
    }
    shipping = address["checkout"]["shippingPrice"]["gross"]["amount"]
    assert shipping > 0
    assert address["checkout"]["totalPrice"]["gross"]["amount"] == 50000.0 + shipping
    assert delivery["errors"] == []
    assert completed["errors"] == []
    order = Order.objects.get()
    assert completed["order"]["number"] == str(order.number)
    assert completed["order"]["token"] == str(order.token)
    assert completed["order"]["status"] == "UNCONFIRMED"
    assert completed["order"]["paymentStatus"] == "NOT_CHARGED"
    assert completed["order"]["total"]["gross"] == {"amount": order.total, "currency": "IDR"}
    assert order.total == 50_000 + shipping
    assert completed["order"]["lines"] == [
        {
            "productName": "Sabun Propolis",
            "variantName": "Sereh",
            "quantity": 2,
            "totalPrice": {"gross": {"amount": 50000.0}},
        }
    ]
    assert completed["order"]["fulfillments"] == [
        {
            "status": "WAITING_FOR_APPROVAL",
            "groupStatus": "NEW",
            "uppksGroup": {"name": product.group.name},
        }
    ]
    assert Checkout.objects.count() == 0
    assert Fulfillment.objects.get().group == product.group
    assert OutboxMessage.objects.filter(event="order_placed").count() == 1


def test_completing_without_address_is_refused(api):
    product = storefront_product(prices=(25_000,))
    checkout = _create(api, [(_variants(product)[0], 1)])
    api.execute(CHECKOUT_EMAIL_UPDATE, {"id": checkout["id"], "email": "putu@example.id"})

    result = api.execute(CHECKOUT_COMPLETE, {"id": checkout["id"]})["checkoutComplete"]

    assert result["order"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [
        ("SHIPPING_ADDRESS_NOT_SET", "shippingAddress")
    ]
    assert Order.objects.count() == 0
    assert Checkout.objects.count() == 1


def test_unknown_regency_is_an_invalid_address(api):
    product = storefront_product(prices=(25_000,))
    checkout = _create(api, [(_variants(product)[0], 1)])

    result = api.execute(
        CHECKOUT_SHIPPING_ADDRESS_UPDATE,
        {"id": checkout["id"], "address": {**ADDRESS, "city": "Kabupaten Atlantis"}},
    )["checkoutShippingAddressUpdate"]

    assert [(e["code"], e["field"]) for e in result["errors"]] == [("INVALID", "shippingAddress")]
    assert Checkout.objects.get().regency_id is None


def test_a_users_checkout_is_hidden_from_others(api):
    owner, other = UserFactory(), UserFactory()
    product = storefront_product(prices=(25_000,))
    checkout = _create(api.login(owner), [(_variants(product)[0], 1)])

    api.login(other)
    found = api.execute(CHECKOUT_FIND, {"id": checkout["id"]})["checkout"]

    assert found is None
