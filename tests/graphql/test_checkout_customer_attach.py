"""checkoutCustomerAttach: a signed-in customer keeps a guest cart in their account."""

from graphql_relay import to_global_id

from marketplace.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory
from tests.factories.checkout import CheckoutFactory, checkout_global_id, checkout_owner_row

ATTACH = """
mutation($id: ID, $token: UUID, $customerId: ID) {
  checkoutCustomerAttach(id: $id, token: $token, customerId: $customerId) {
    checkout { id email user { email } }
    errors { field code message }
  }
}
"""


def test_attach_sets_the_user_and_fills_an_empty_email(api):
    # given
    user = UserFactory(email="wayan@example.id", phone="+6281234500099")
    checkout = CheckoutFactory(email="", phone="")
    # when
    result = api.login(user).execute(ATTACH, {"id": checkout_global_id(checkout)})[
        "checkoutCustomerAttach"
    ]
    # then
    assert result == {
        "checkout": {
            "id": checkout_global_id(checkout),
            "email": "wayan@example.id",
            "user": {"email": "wayan@example.id"},
        },
        "errors": [],
    }
    checkout.refresh_from_db()
    assert checkout.user == user
    assert checkout.email == "wayan@example.id"
    assert checkout.phone == "+6281234500099"


def test_attach_keeps_the_email_the_customer_typed(api):
    user = UserFactory(email="wayan@example.id")
    checkout = CheckoutFactory(email="kado.ibu@example.id")

    result = api.login(user).execute(ATTACH, {"token": str(checkout.token)})[
        "checkoutCustomerAttach"
    ]

    assert result["errors"] == []
    assert result["checkout"]["email"] == "kado.ibu@example.id"
    checkout.refresh_from_db()
    assert (checkout.user, checkout.email) == (user, "kado.ibu@example.id")


def test_attach_with_ones_own_customer_id_succeeds(api):
    user = UserFactory()
    checkout = CheckoutFactory()

    result = api.login(user).execute(
        ATTACH,
        {
            "id": checkout_global_id(checkout),
            "customerId": to_global_id("User", user.pk),
        },
    )["checkoutCustomerAttach"]

    assert result["errors"] == []
    checkout.refresh_from_db()
    assert checkout.user == user


def test_attaching_another_accounts_checkout_is_refused(api):
    # given
    owner = UserFactory()
    checkout = CheckoutFactory(user=owner)
    before = checkout_owner_row(checkout)
    # when
    result = api.login(UserFactory()).execute(ATTACH, {"id": checkout_global_id(checkout)})[
        "checkoutCustomerAttach"
    ]
    # then
    assert len(result["errors"]) == 1
    assert result["errors"][0]["code"] == "NOT_FOUND"
    assert result["errors"][0]["field"] == "id"
    assert result["checkout"] is None
    assert checkout_owner_row(checkout) == before
    assert OutboxMessage.objects.count() == 0


def test_anonymous_attach_is_refused(api):
    checkout = CheckoutFactory(email="")
    before = checkout_owner_row(checkout)

    content = api.post(ATTACH, {"id": checkout_global_id(checkout)}).json()

    assert content["data"] == {"checkoutCustomerAttach": None}
    assert len(content["errors"]) == 1
    assert content["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}
    assert content["errors"][0]["message"] == (
        "To access this path, you need one of the following permissions: AUTHENTICATED_USER"
    )
    assert checkout_owner_row(checkout) == before


def test_attaching_for_another_customer_is_refused(api):
    other = UserFactory()
    checkout = CheckoutFactory()
    before = checkout_owner_row(checkout)

    content = (
        api.login(UserFactory())
        .post(
            ATTACH,
            {
                "id": checkout_global_id(checkout),
                "customerId": to_global_id("User", other.pk),
            },
        )
        .json()
    )

    assert content["data"] == {"checkoutCustomerAttach": None}
    assert len(content["errors"]) == 1
    assert content["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}
    assert "IMPERSONATE_USER" in content["errors"][0]["message"]
    assert checkout_owner_row(checkout) == before
