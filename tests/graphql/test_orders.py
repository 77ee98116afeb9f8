"""Orders: orderByToken for guests, order(id) for the buyer, me { orders } for the storefront."""

# ruff: noqa: E501  (GraphQL documents and expected payloads read best unwrapped)

import base64

from tests.factories.accounts import StaffUserFactory, UserFactory
from tests.factories.orders import FulfillmentFactory, OrderFactory
from tests.factories.regions import ACEH, province

from .queries import CURRENT_USER, ORDER_BY_TOKEN


def _gid(type_name, pk):
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def test_order_by_token_shows_lines_totals_and_group_shipments_without_personal_data(api):
    fulfillment = FulfillmentFactory(quantity=2, order__user__email="putu@example.id")
    order = fulfillment.order
    line = order.lines.get()

    data = api.execute(ORDER_BY_TOKEN, {"token": str(order.token)})

    assert data["orderByToken"] == {
        "id": _gid("Order", order.token),
        "number": str(order.number),
        "status": "UNFULFILLED",
        "userEmail": "p***@example.id",
        "shippingAddress": {
            "city": "Kabupaten Klungkung",
            "countryArea": "Bali",
            "postalCode": "80711",
        },
        "total": {"gross": {"amount": float(order.total), "currency": "IDR"}},
        "lines": [
            {
                "productName": line.product_name,
                "quantity": 2,
                "unitPrice": {"gross": {"amount": 85000.0}},
            }
        ],
        "fulfillments": [
            {
                "groupStatus": "NEW",
                "trackingNumber": "",
                "uppksGroup": {"name": fulfillment.group.name},
            }
        ],
    }


def test_current_user_lists_own_orders_only(api):
    buyer = UserFactory()
    mine = FulfillmentFactory(order__user=buyer, quantity=1).order
    FulfillmentFactory(quantity=1)  # someone else's

    data = api.login(buyer).execute(CURRENT_USER)

    me = data["me"]
    assert me["email"] == buyer.email
    assert me["avatar"] is None
    assert [e["node"]["number"] for e in me["orders"]["edges"]] == [str(mine.number)]
    node = me["orders"]["edges"][0]["node"]
    assert node["paymentStatus"] == "FULLY_CHARGED"
    assert node["lines"][0]["quantity"] == 1
    assert node["total"]["gross"] == {"amount": float(mine.total), "currency": "IDR"}


def test_order_by_id_for_its_buyer_but_not_for_another_user(api):
    buyer, stranger = UserFactory(), UserFactory()
    order = OrderFactory(user=buyer)
    query = "query($id: ID!) { order(id: $id) { number } }"

    as_buyer = api.login(buyer).execute(query, {"id": _gid("Order", order.token)})
    as_stranger = api.login(stranger).execute(query, {"id": _gid("Order", order.token)})

    assert as_buyer == {"order": {"number": str(order.number)}}
    assert as_stranger == {"order": None}


def test_province_staff_see_orders_of_their_province_only(api):
    order = OrderFactory()  # delivered to Bali
    query = "query($id: ID!) { order(id: $id) { number } }"
    aceh_staff = StaffUserFactory(staff_role="province_viewer", staff_province=province(ACEH))
    national = StaffUserFactory(staff_role="national_admin")

    outside = api.login(aceh_staff).execute(query, {"id": _gid("Order", order.token)})
    everywhere = api.login(national).execute(query, {"id": _gid("Order", order.token)})

    assert outside == {"order": None}
    assert everywhere == {"order": {"number": str(order.number)}}


def test_the_buyer_sees_the_full_address_and_email(api):
    buyer = UserFactory(email="putu@example.id")
    order = OrderFactory(user=buyer)
    query = """query($token: UUID!) { orderByToken(token: $token) {
        userEmail shippingAddress { firstName streetAddress1 } } }"""

    as_guest = api.execute(query, {"token": str(order.token)})
    as_buyer = api.login(buyer).execute(query, {"token": str(order.token)})

    assert as_guest["orderByToken"] == {
        "userEmail": "p***@example.id",
        "shippingAddress": {"firstName": "P…", "streetAddress1": ""},
    }
    assert as_buyer["orderByToken"] == {
        "userEmail": "putu@example.id",
        "shippingAddress": {
            "firstName": "Putu",
            "streetAddress1": "Jl. Gajah Mada No. 12, RT 002/RW 001",
        },
    }
