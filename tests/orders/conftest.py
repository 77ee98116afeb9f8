import pytest

from marketplace.checkout.services import add_lines, complete_checkout
from tests.factories.catalog import StockFactory
from tests.factories.checkout import CheckoutFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.orders import pay_by_bank_transfer
from tests.factories.regions import ACEH_TENGAH, regency


@pytest.fixture
def place_order(db):
    """Place an order through checkout: ``place_order((stock, 2), (other_stock, 1))``."""

    def place(*lines, paid=False, **checkout_fields):
        checkout = CheckoutFactory(**checkout_fields)
        add_lines(checkout.pk, [(stock.variant_id, quantity) for stock, quantity in lines])
        order = complete_checkout(checkout.pk)
        if paid:
            pay_by_bank_transfer(order)
        return order

    return place


@pytest.fixture
def soap_stock(db):
    """Soap from a Klungkung group with one member; 10 units, Rp 25.000, 300 g."""
    stock = StockFactory(quantity=10, variant__price=25_000, variant__weight_g=300)
    GroupMemberFactory(group=stock.group)
    return stock


@pytest.fixture
def coffee_stock(db):
    group = UppksGroupFactory(regency=regency(ACEH_TENGAH))
    GroupMemberFactory(group=group)
    return StockFactory(
        quantity=20,
        group=group,
        variant__product__group=group,
        variant__price=60_000,
        variant__weight_g=1000,
    )
