import pytest

from tests.factories.catalog import StockFactory
from tests.factories.checkout import CheckoutFactory
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, regency


@pytest.fixture
def checkout(db):
    return CheckoutFactory()


@pytest.fixture
def klungkung_stock(db):
    """5 units of a soap made and stocked by a Klungkung group (the checkout's regency)."""
    return StockFactory(quantity=5, variant__price=25_000, variant__weight_g=300)


@pytest.fixture
def aceh_stock(db):
    """Coffee from a group in Aceh Tengah."""
    group = UppksGroupFactory(regency=regency(ACEH_TENGAH))
    return StockFactory(
        quantity=20,
        group=group,
        variant__product__group=group,
        variant__price=60_000,
        variant__weight_g=1200,
    )


@pytest.fixture
def stripe_keys(settings):
    """Card payment is offered only with both Stripe keys set."""
    settings.STRIPE_SECRET_KEY = "sk_test_pasar"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_pasar"
