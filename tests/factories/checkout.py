"""Checkouts ready to complete: a line, contact and a Klungkung delivery address."""

import factory
from graphql_relay import to_global_id

from marketplace.checkout.models import Checkout, CheckoutLine, ShippingRate, ShippingScope
from marketplace.orders.models import PaymentMethod

from .catalog import StockFactory
from .regions import KLUNGKUNG, district, regency


class CheckoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checkout

    email = factory.Sequence(lambda n: f"pembeli{n}@example.id")
    phone = "+6281234500002"
    language = "id"
    payment_method = PaymentMethod.BANK_TRANSFER
    first_name = "Komang"
    last_name = "Ayu"
    street_address_1 = "Jl. Flamboyan No. 3, RT 001/RW 004"
    village = "Semarapura Kelod"
    postal_code = "80712"
    regency = factory.LazyFunction(lambda: regency(KLUNGKUNG))
    district = factory.LazyFunction(lambda: district(KLUNGKUNG))
    province = factory.LazyAttribute(lambda checkout: checkout.regency.province)


class CheckoutLineFactory(factory.django.DjangoModelFactory):
    """A line whose variant is stocked by its own group (``stock__quantity`` to change it)."""

    class Meta:
        model = CheckoutLine

    checkout = factory.SubFactory(CheckoutFactory)
    variant = factory.LazyAttribute(lambda line: line.stock.variant)
    quantity = 1

    class Params:
        stock = factory.SubFactory(StockFactory)


class ShippingRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingRate
        django_get_or_create = ("scope", "origin_province", "destination_province")

    scope = ShippingScope.BETWEEN_PROVINCES
    origin_province = None
    destination_province = None
    price_per_kg = 30_000
    minimum_price = 30_000


def checkout_global_id(checkout) -> str:
    """The API's id of a checkout (``Checkout:<token>``, as Saleor's)."""
    return to_global_id("Checkout", str(checkout.token))


def checkout_owner_row(checkout) -> dict:
    """The fields attaching or detaching a customer may change, read fresh."""
    return Checkout.objects.values("user_id", "email", "phone", "updated_at").get(pk=checkout.pk)
