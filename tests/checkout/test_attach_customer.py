"""attach_customer: the rules behind checkoutCustomerAttach, whoever calls them."""

import pytest

from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.services import attach_customer
from tests.factories.accounts import UserFactory
from tests.factories.checkout import CheckoutFactory


def _row(checkout):
    return Checkout.objects.values("user_id", "email", "phone", "updated_at").get(pk=checkout.pk)


def test_attaching_fills_only_empty_contact_details(db):
    user = UserFactory(email="wayan@example.id", phone="+6281234500099")
    checkout = CheckoutFactory(email="", phone="+6281234500002")

    attach_customer(checkout.pk, user=user)

    checkout.refresh_from_db()
    assert (checkout.user, checkout.email, checkout.phone) == (
        user,
        "wayan@example.id",
        "+6281234500002",
    )


def test_another_accounts_checkout_is_refused_and_unchanged(db):
    checkout = CheckoutFactory(user=UserFactory())
    before = _row(checkout)

    with pytest.raises(CheckoutError) as refused:
        attach_customer(checkout.pk, user=UserFactory())

    assert refused.value.code == CheckoutErrorCode.NOT_FOUND
    assert refused.value.field == "checkout"
    assert _row(checkout) == before


def test_attaching_ones_own_checkout_again_changes_nothing(db):
    user = UserFactory()
    checkout = CheckoutFactory(user=user, email="")
    before = _row(checkout)

    attach_customer(checkout.pk, user=user)

    assert _row(checkout) == before


def test_nobody_signed_in_is_refused(db):
    checkout = CheckoutFactory()
    before = _row(checkout)

    with pytest.raises(CheckoutError) as refused:
        attach_customer(checkout.pk, user=None)

    assert refused.value.code == CheckoutErrorCode.REQUIRED
    assert _row(checkout) == before
