import uuid

import pytest
from django.urls import reverse

from marketplace.checkout.models import Checkout
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, regency
from tests.factories.storefront import shop_product


@pytest.fixture(autouse=True)
def _own_cache_namespace(settings):
    """Each test reads and writes its own fragment keys: nothing cached by another test answers
    its requests, and the shared Redis (cache and Celery broker) is never flushed."""
    settings.STOREFRONT_CACHE_NAMESPACE = f"test-{uuid.uuid4().hex}"


@pytest.fixture
def cart(client):
    """2 soaps (800 g) from Klungkung and 1 coffee (400 g) from Aceh Tengah: Rp 125.000."""
    bali = UppksGroupFactory(name="UPPKS Mawar Klungkung")
    aceh = UppksGroupFactory(name="UPPKS Kopi Gayo", regency=regency(ACEH_TENGAH))
    soap = shop_product(name="Sabun Sereh", category="sabun", group=bali, price=25_000)
    coffee = shop_product(name="Kopi Gayo", category="kopi-teh", group=aceh, price=75_000)
    for variant, quantity in [(soap.variants.get(), 2), (coffee.variants.get(), 1)]:
        client.post(reverse("storefront:cart_add"), {"variant": variant.pk, "quantity": quantity})
    return Checkout.objects.get()
