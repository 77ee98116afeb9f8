"""checkoutCustomerDetach: the owner releases a cart from their account."""

from graphql_relay import to_global_id

from marketplace.checkout.models import Checkout
from marketplace.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory
from tests.factories.checkout import CheckoutFactory

DETACH = """
mutation($id: ID, $checkoutId: ID) {
  checkoutCustomerDetach(id: $id, checkoutId: $checkoutId) {
    checkout { id email user { email } }
    errors { field code message }
  }
}
"""


def _id(checkout):
    return to_global_id("Checkout", str(checkout.token))


def _row(checkout):
    return Checkout.objects.values("user_id", "email", "phone", "updated_at").get(pk=checkout.pk)


def test_owner_detaches_the_checkout(api):
    # given
    owner = UserFactory()
    checkout = CheckoutFactory(user=owner, email="komang@example.id")
    # when
    result = api.login(owner).execute(DETACH, {"id": _id(checkout)})["checkoutCustomerDetach"]
    # then
    assert result == {
        "checkout": {"id": _id(checkout), "email": "komang@example.id", "user": None},
        "errors": [],
    }
    checkout.refresh_from_db()
    assert checkout.user is None
    assert checkout.email == "komang@example.id"


def test_detach_by_another_user_is_refused(api):
    # given
    checkout = CheckoutFactory(user=UserFactory())
    before = _row(checkout)
    # when
    result = api.login(UserFactory()).execute(DETACH, {"checkoutId": _id(checkout)})[
        "checkoutCustomerDetach"
    ]
    # then
    assert len(result["errors"]) == 1
    assert result["errors"][0]["code"] == "NOT_FOUND"
    assert result["errors"][0]["field"] == "id"
    assert result["checkout"] is None
    assert _row(checkout) == before
    assert OutboxMessage.objects.count() == 0


def test_anonymous_detach_is_refused(api):
    checkout = CheckoutFactory(user=UserFactory())
    before = _row(checkout)

    content = api.post(DETACH, {"id": _id(checkout)}).json()

    assert content["data"] == {"checkoutCustomerDetach": None}
    assert len(content["errors"]) == 1
    assert content["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}
    assert _row(checkout) == before
