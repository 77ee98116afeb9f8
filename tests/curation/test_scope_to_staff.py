"""scope_to_staff: the one filter every staff-facing queryset goes through (orders included)."""

import pytest

from marketplace.catalog.models import Product
from marketplace.curation.scoping import scope_to_staff
from marketplace.orders.models import Fulfillment, Order
from tests.factories.accounts import StaffUserFactory, UserFactory
from tests.factories.catalog import ProductFactory
from tests.factories.orders import FulfillmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(group, aceh_group):
    return {
        "bali": FulfillmentFactory(group=group),
        "aceh": FulfillmentFactory(group=aceh_group),
    }


def test_bali_curator_sees_only_bali_fulfillments_and_orders(bali_curator, orders):
    fulfillments = scope_to_staff(
        Fulfillment.objects.all(), bali_curator, "group__regency__province"
    )
    scoped_orders = scope_to_staff(
        Order.objects.all(), bali_curator, ("fulfillments__group__regency__province",)
    )

    assert list(fulfillments) == [orders["bali"]]
    assert list(scoped_orders) == [orders["bali"].order]
    assert not fulfillments.filter(pk=orders["aceh"].pk).exists()


def test_order_with_two_bali_fulfillments_is_listed_once(bali_curator, orders, group):
    from tests.factories.groups import UppksGroupFactory

    spanning = orders["bali"].order
    FulfillmentFactory(order=spanning, group=UppksGroupFactory(regency=group.regency))
    FulfillmentFactory(order=spanning, group=orders["aceh"].group)

    scoped = scope_to_staff(
        Order.objects.all(), bali_curator, "fulfillments__group__regency__province"
    )

    assert list(scoped.order_by("pk")) == [spanning]


def test_national_admin_and_superuser_see_everything(national_admin, orders):
    superuser = UserFactory(is_superuser=True, is_staff=True)

    for user in (national_admin, superuser):
        scoped = scope_to_staff(Fulfillment.objects.all(), user, "group__regency__province")
        assert set(scoped) == {orders["bali"], orders["aceh"]}


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: UserFactory(),
        lambda: StaffUserFactory(),
        lambda: StaffUserFactory(staff_role="province_curator"),  # no province set
        lambda: UserFactory(staff_role="national_admin"),  # not staff
    ],
)
def test_others_see_nothing(group, make_user):
    ProductFactory(group=group)

    scoped = scope_to_staff(Product.objects.all(), make_user(), "group__regency__province")

    assert scoped.count() == 0


def test_inactive_staff_see_nothing(group, national_admin):
    ProductFactory(group=group)
    national_admin.is_active = False

    assert scope_to_staff(Product.objects.all(), national_admin, "group").count() == 0
