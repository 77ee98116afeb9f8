import pytest

from marketplace.orders.models import FulfillmentStatus
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductFactory, StockFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.orders import FulfillmentFactory, OrderFactory, pay_by_bank_transfer


@pytest.fixture
def member(db):
    """A ketua of group A, with a phone number to log in with."""
    user = UserFactory(email="ketua.a@example.id", phone="+6281234560001")
    return GroupMemberFactory(user=user).user


@pytest.fixture
def group_a(member):
    return member.group_memberships.get().group


@pytest.fixture
def portal(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def own_fulfillment(group_a):
    """A paid order's new shipment for group A: 2 units, paid by bank transfer."""
    fulfillment = FulfillmentFactory(group=group_a, order=OrderFactory(), quantity=2)
    pay_by_bank_transfer(fulfillment.order)
    fulfillment.refresh_from_db()
    return fulfillment


@pytest.fixture
def group_b(db):
    group = UppksGroupFactory()
    GroupMemberFactory(group=group)
    return group


@pytest.fixture
def other_fulfillment(group_b):
    return FulfillmentFactory(group=group_b, quantity=1)


@pytest.fixture
def other_stock(group_b):
    return StockFactory(group=group_b, variant__product__group=group_b, quantity=7)


@pytest.fixture
def other_product(group_b):
    return ProductFactory(group=group_b, name="Kopi Kelompok B")


@pytest.fixture
def packed(own_fulfillment):
    own_fulfillment.status = FulfillmentStatus.PACKED
    own_fulfillment.save()
    return own_fulfillment
