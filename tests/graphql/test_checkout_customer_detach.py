"""checkoutCustomerDetach: the owner releases a cart from their account."""

from marketplace.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory
from tests.factories.checkout import CheckoutFactory, checkout_global_id, checkout_owner_row

DETACH = """
mutation($id: ID, $checkoutId: ID) {
  checkoutCustomerDetach(id: $id, checkoutId: $checkoutId) {
    checkout { id email user { email } }
    errors { field code message }
  }
}
"""


def test_owner_detaches_the_checkout(api):
    # given
    owner = UserFactory()
    checkout = CheckoutFactory(user=owner, email="komang@example.id")
    # when
    result = api.login(owner).execute(DETACH, {"id": checkout_global_id(checkout)})[
        "checkoutCustomerDetach"
    ]
    # then
    assert result == {
        "checkout": {
            "id": checkout_global_id(checkout),
            "email": "komang@example.id",
            "user": None,
        },
        "errors": [],
    }
    checkout.refresh_from_db()
    assert checkout.user is None
    assert checkout.email == "komang@example.id"


def test_detach_by_another_user_is_refused(api):
    # given
    checkout = CheckoutFactory(user=UserFactory())
    before = checkout_owner_row(checkout)
    # when
    result = api.login(UserFactory()).execute(DETACH, {"checkoutId": checkout_global_id(checkout)})[
        "checkoutCustomerDetach"
    ]
    # then
    assert len(result["errors"]) == 1
    assert result["errors"][0]["code"] == "NOT_FOUND"
    assert result["errors"][0]["field"] == "id"
    assert result["checkout"] is None
    assert checkout_owner_row(checkout) == before
    assert OutboxMessage.objects.count() == 0


def test_anonymous_detach_is_refused(api):
    checkout = CheckoutFactory(user=UserFactory())
    before = checkout_owner_row(checkout)

    content = api.post(DETACH, {"id": checkout_global_id(checkout)}).json()

    assert content["data"] == {"checkoutCustomerDetach": None}
    assert len(content["errors"]) == 1
    assert content["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}
    assert checkout_owner_row(checkout) == before
