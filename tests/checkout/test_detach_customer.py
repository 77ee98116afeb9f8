"""detach_customer: only the owner releases a cart from their account."""

import pytest

from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.services import detach_customer
from tests.factories.accounts import UserFactory
from tests.factories.checkout import CheckoutFactory


def _row(checkout):
    return Checkout.objects.values("user_id", "email", "phone", "updated_at").get(pk=checkout.pk)


def test_owner_detaches_and_keeps_the_contact_details(db):
    owner = UserFactory()
    checkout = CheckoutFactory(user=owner, email="komang@example.id")

    detach_customer(checkout.pk, user=owner)

    checkout.refresh_from_db()
    assert (checkout.user, checkout.email) == (None, "komang@example.id")


def test_another_user_is_refused_and_nothing_changes(db):
    checkout = CheckoutFactory(user=UserFactory())
    before = _row(checkout)

    with pytest.raises(CheckoutError) as refused:
        detach_customer(checkout.pk, user=UserFactory())

    assert refused.value.code == CheckoutErrorCode.NOT_FOUND
    assert _row(checkout) == before


def test_a_guest_checkout_stays_as_it_is(db):
    checkout = CheckoutFactory()
    before = _row(checkout)

    detach_customer(checkout.pk, user=UserFactory())

    assert _row(checkout) == before
