"""A Klungkung buyer and groups with pick-up addresses; Biteship on loopback where asked."""

import pytest

from marketplace.checkout.services import add_lines
from marketplace.checkout.services import complete_checkout as place
from marketplace.orders.models import Fulfillment
from marketplace.orders.services import accept_fulfillment
from marketplace.shipping.models import PickupAddress
from tests.factories.catalog import StockFactory
from tests.factories.checkout import CheckoutFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.orders import pay_by_bank_transfer
from tests.factories.regions import ACEH_TENGAH, DENPASAR, GIANYAR, regency
from tests.fixtures.rajaongkir import rajaongkir, rajaongkir_server  # noqa: F401 (fixtures)


def group_with_pickup(regency_code: str, postal_code: str):
    group = UppksGroupFactory(regency=regency(regency_code))
    PickupAddress.objects.create(
        group=group,
        contact_name=group.leader_name,
        contact_phone="081234500100",
        street="Jl. Raya No. 1, RT 002/RW 001",
        postal_code=postal_code,
    )
    return group


def stocked(group, *, weight_g=300, price=25_000, **variant):
    return StockFactory(
        quantity=20,
        group=group,
        variant__product__group=group,
        variant__price=price,
        variant__weight_g=weight_g,
        **{f"variant__{key}": value for key, value in variant.items()},
    )


@pytest.fixture
def gianyar_group(db):
    return group_with_pickup(GIANYAR, "80511")


@pytest.fixture
def three_groups(db):
    """Three groups in three kabupaten, each with a 300 g soap in stock."""
    groups = [
        group_with_pickup(GIANYAR, "80511"),
        group_with_pickup(DENPASAR, "80111"),
        group_with_pickup(ACEH_TENGAH, "24511"),
    ]
    return [stocked(group) for group in groups]


@pytest.fixture
def cart(db):
    """A Klungkung delivery address (postal code 80712)."""
    return CheckoutFactory()


@pytest.fixture
def accepted(biteship, cart, gianyar_group):
    """A paid order's fulfilment, accepted by the group, charged with JNE REG (the cheapest
    on the loopback server for 300 g inside Bali is SiCepat; the buyer picked JNE)."""
    from marketplace.checkout.services import choose_courier

    stock = stocked(gianyar_group)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    choose_courier(cart.pk, group_id=gianyar_group.pk, courier="jne", service="reg")
    order = pay_by_bank_transfer(place(cart.pk))
    fulfillment = Fulfillment.objects.get(order=order)
    member = GroupMemberFactory(group=gianyar_group).user
    accept_fulfillment(fulfillment.pk, actor=member)
    fulfillment.refresh_from_db()
    fulfillment.member = member
    return fulfillment
