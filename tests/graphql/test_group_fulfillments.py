"""Group members work their own group's shipments; another group's are out of reach."""

# ruff: noqa: E501  (GraphQL documents and expected payloads read best unwrapped)

import base64

from marketplace.accounts.models import StaffRole
from marketplace.checkout.services import add_lines, complete_checkout
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import FulfillmentStatus
from marketplace.payments.bank_transfer import confirm_bank_transfer, start_bank_transfer
from tests.factories.accounts import StaffUserFactory, UserFactory
from tests.factories.catalog import StockFactory
from tests.factories.checkout import CheckoutFactory
from tests.factories.groups import GroupMemberFactory
from tests.factories.orders import FulfillmentFactory

MY_FULFILLMENTS = """
query { myGroupFulfillments(first: 10, filter: {status: [NEW]}) {
  totalCount
  edges { node { id groupStatus orderNumber uppksGroup { name }
    shippingAddress { city postalCode } order { number }
    lines { quantity orderLine { productName } } } }
} }
"""
ACCEPT = "mutation($id: ID!) { fulfillmentAccept(id: $id) { fulfillment { groupStatus } errors { field code } } }"
REJECT = """mutation($id: ID!) { fulfillmentReject(id: $id, reason: "Stok rusak kena banjir") {
  fulfillment { groupStatus rejectionReason } errors { field code } } }"""
TRACKING = """mutation($id: ID!, $input: FulfillmentUpdateTrackingInput!) {
  orderFulfillmentUpdateTracking(id: $id, input: $input) {
    fulfillment { groupStatus status courier trackingNumber } errors { field code message } } }"""


def _gid(pk):
    return base64.b64encode(f"Fulfillment:{pk}".encode()).decode()


def test_member_lists_own_group_shipments_without_the_whole_order(api):
    member = GroupMemberFactory()
    mine = FulfillmentFactory(group=member.group, quantity=2)
    FulfillmentFactory(quantity=1)  # another group's

    data = api.login(member.user).execute(MY_FULFILLMENTS)

    page = data["myGroupFulfillments"]
    assert page["totalCount"] == 1
    node = page["edges"][0]["node"]
    assert node["id"] == _gid(mine.pk)
    assert node["groupStatus"] == "NEW"
    assert node["orderNumber"] == str(mine.order.number)
    assert node["shippingAddress"] == {"city": "Kabupaten Klungkung", "postalCode": "80711"}
    assert node["order"] is None  # the buyer's whole order is not the group's business
    assert node["lines"][0]["quantity"] == 2


def test_a_customer_is_not_a_group_member(api):
    response = api.login(UserFactory()).post(MY_FULFILLMENTS)

    content = response.json()
    assert content["data"] == {"myGroupFulfillments": None}
    assert content["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}


def test_member_accepts_then_ships_with_tracking(api):
    member = GroupMemberFactory()
    fulfillment = FulfillmentFactory(group=member.group, quantity=2)
    api.login(member.user)

    accepted = api.execute(ACCEPT, {"id": _gid(fulfillment.pk)})
    shipped = api.execute(
        TRACKING,
        {"id": _gid(fulfillment.pk), "input": {"trackingNumber": "JNE123456", "courier": "JNE"}},
    )

    assert accepted["fulfillmentAccept"] == {
        "fulfillment": {"groupStatus": "ACCEPTED"},
        "errors": [],
    }
    assert shipped["orderFulfillmentUpdateTracking"] == {
        "fulfillment": {
            "groupStatus": "SHIPPED",
            "status": "FULFILLED",
            "courier": "JNE",
            "trackingNumber": "JNE123456",
        },
        "errors": [],
    }
    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.SHIPPED
    assert OutboxMessage.objects.filter(event="fulfillment_shipped").exists()


def test_tracking_without_a_courier_is_refused_and_changes_nothing(api):
    member = GroupMemberFactory()
    fulfillment = FulfillmentFactory(group=member.group, status=FulfillmentStatus.ACCEPTED)

    result = api.login(member.user).execute(
        TRACKING, {"id": _gid(fulfillment.pk), "input": {"trackingNumber": "JNE1"}}
    )

    assert [
        (e["field"], e["code"]) for e in result["orderFulfillmentUpdateTracking"]["errors"]
    ] == [("courier", "REQUIRED")]
    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.ACCEPTED


def test_member_cannot_touch_another_groups_fulfillment(api):
    member = GroupMemberFactory()
    other = FulfillmentFactory(quantity=1)
    api.login(member.user)

    accept = api.execute(ACCEPT, {"id": _gid(other.pk)})
    reject = api.execute(REJECT, {"id": _gid(other.pk)})
    track = api.execute(
        TRACKING, {"id": _gid(other.pk), "input": {"trackingNumber": "X1", "courier": "JNE"}}
    )

    for result in (accept["fulfillmentAccept"], reject["fulfillmentReject"]):
        assert result["fulfillment"] is None
        assert result["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert track["orderFulfillmentUpdateTracking"]["errors"][0]["code"] == "NOT_FOUND"
    other.refresh_from_db()
    assert other.status == FulfillmentStatus.NEW
    assert other.rejection_reason == ""
    assert not OutboxMessage.objects.filter(event="fulfillment_rejected").exists()


def test_member_rejects_a_paid_order_with_a_reason_and_the_buyer_is_refunded(api):
    stock = StockFactory(quantity=5, variant__price=25_000)
    member = GroupMemberFactory(group=stock.group)
    checkout = CheckoutFactory()
    add_lines(checkout.pk, [(stock.variant_id, 2)])
    order = complete_checkout(checkout.pk)
    txn = start_bank_transfer(order.pk)
    staff = StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN)
    confirm_bank_transfer(txn.pk, actor=staff, amount_received=txn.amount, reference="TRF")
    fulfillment = order.fulfillments.get()

    result = api.login(member.user).execute(REJECT, {"id": _gid(fulfillment.pk)})

    assert result["fulfillmentReject"]["errors"] == []
    assert result["fulfillmentReject"]["fulfillment"] == {
        "groupStatus": "REJECTED",
        "rejectionReason": "Stok rusak kena banjir",
    }
    notices = OutboxMessage.objects.filter(event="fulfillment_rejected")
    assert notices.filter(recipient=order.email).count() == 1


def test_accepting_twice_is_an_error_with_the_status_unchanged(api):
    member = GroupMemberFactory()
    fulfillment = FulfillmentFactory(group=member.group, status=FulfillmentStatus.SHIPPED)

    result = api.login(member.user).execute(ACCEPT, {"id": _gid(fulfillment.pk)})

    assert result["fulfillmentAccept"]["fulfillment"] is None
    assert len(result["fulfillmentAccept"]["errors"]) == 1
    assert result["fulfillmentAccept"]["errors"][0]["code"] == "INVALID"
    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.SHIPPED
