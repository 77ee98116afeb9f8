"""Types every domain uses: money, images, weight, connections with totalCount, errors."""

from dataclasses import dataclass

import graphene
from django.conf import settings
from graphql import IntValueNode, Undefined

from .enums import (
    AccountErrorCode,
    AddressTypeEnum,
    CheckoutErrorCode,
    LanguageCodeEnum,
    OrderErrorCode,
    ProductErrorCode,
    StockErrorCode,
    WeightUnitsEnum,
)

IDR_FRACTION_DIGITS = 2  # ISO 4217; amounts themselves are whole rupiah


@dataclass(frozen=True)
class MoneyValue:
    """Whole rupiah in the channel's currency."""

    amount: int
    currency: str = settings.CURRENCY


def money(amount: int | None) -> MoneyValue | None:
    return None if amount is None else MoneyValue(int(amount))


def taxed(amount: int | None) -> dict | None:
    """Prices include any tax here: gross = net, tax = 0."""
    if amount is None:
        return None
    value = MoneyValue(int(amount))
    return {"gross": value, "net": value, "tax": MoneyValue(0), "currency": value.currency}


class Money(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code (IDR).")
    amount = graphene.Float(required=True, description="Amount of money (whole rupiah).")
    fractional_amount = graphene.Int(required=True, description="Amount in minor units.")
    fraction_digits = graphene.Int(required=True, description="Number of minor-unit digits.")

    class Meta:
        description = "Represents amount of money in specific currency."

    @staticmethod
    def resolve_amount(root: MoneyValue, info):
        return float(root.amount)

    @staticmethod
    def resolve_fractional_amount(root: MoneyValue, info):
        return int(root.amount) * 10**IDR_FRACTION_DIGITS

    @staticmethod
    def resolve_fraction_digits(root: MoneyValue, info):
        return IDR_FRACTION_DIGITS


class TaxedMoney(graphene.ObjectType):
    currency = graphene.String(required=True)
    gross = graphene.Field(Money, required=True, description="Amount of money including taxes.")
    net = graphene.Field(Money, required=True, description="Amount of money without taxes.")
    tax = graphene.Field(Money, required=True, description="Amount of taxes.")

    class Meta:
        description = "Represents a monetary value with taxes."

    @staticmethod
    def resolve_currency(root, info):
        return root["currency"]

    @staticmethod
    def resolve_gross(root, info):
        return root["gross"]

    @staticmethod
    def resolve_net(root, info):
        return root["net"]

    @staticmethod
    def resolve_tax(root, info):
        return root["tax"]


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney, description="Lower bound of a price range.")
    stop = graphene.Field(TaxedMoney, description="Upper bound of a price range.")

    class Meta:
        description = "Represents a range of monetary values."


class Image(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the image.")
    alt = graphene.String(description="Alt text for an image.")

    class Meta:
        description = "Represents an image."


class Weight(graphene.ObjectType):
    unit = WeightUnitsEnum(required=True, description="Weight unit.")
    value = graphene.Float(required=True, description="Weight value.")

    class Meta:
        description = "Represents weight value in a specific weight unit."


def grams(value: int | None) -> dict | None:
    return None if value is None else {"unit": WeightUnitsEnum.G, "value": float(value)}


class LanguageDisplay(graphene.ObjectType):
    code = LanguageCodeEnum(required=True, description="ISO 639 representation of the language.")
    language = graphene.String(required=True, description="Full name of the language.")


LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def language_display(code: str) -> dict:
    return {"code": code.upper(), "language": LANGUAGE_NAMES.get(code, code)}


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="Country code.")
    country = graphene.String(required=True, description="Country name.")


INDONESIA = {"code": "ID", "country": "Indonesia"}


class CountableConnection(graphene.relay.Connection):
    """A Relay connection with ``totalCount``, as Saleor's ``*CountableConnection`` types."""

    total_count = graphene.Int(description="A total count of items in the collection.")

    class Meta:
        abstract = True

    @staticmethod
    def resolve_total_count(root, info):
        return root.count_items()


class Error(graphene.ObjectType):
    field = graphene.String(
        description=(
            "Name of a field that caused the error. A value of `null` indicates that the "
            "error isn't associated with a particular field."
        )
    )
    message = graphene.String(description="The error message.")

    class Meta:
        description = "Represents an error in the input of a mutation."


class CheckoutError(Error):
    code = CheckoutErrorCode(required=True, description="The error code.")
    variants = graphene.List(graphene.NonNull(graphene.ID), description="List of variant IDs.")
    lines = graphene.List(graphene.NonNull(graphene.ID), description="List of line IDs.")
    address_type = AddressTypeEnum(description="A type of address that causes the error.")


class ProductError(Error):
    code = ProductErrorCode(required=True, description="The error code.")
    attributes = graphene.List(graphene.NonNull(graphene.ID))
    values = graphene.List(graphene.NonNull(graphene.ID))


class AccountError(Error):
    code = AccountErrorCode(required=True, description="The error code.")
    address_type = AddressTypeEnum(description="A type of address that causes the error.")
    attributes = graphene.List(graphene.NonNull(graphene.ID))


class OrderError(Error):
    code = OrderErrorCode(required=True, description="The error code.")
    warehouse = graphene.ID(description="Warehouse (UPPKS group) ID which causes the error.")
    order_lines = graphene.List(graphene.NonNull(graphene.ID))
    variants = graphene.List(graphene.NonNull(graphene.ID))
    address_type = AddressTypeEnum()


class StockError(Error):
    code = StockErrorCode(required=True, description="The error code.")


class PositiveInt(graphene.Scalar):
    """Positive Integer scalar implementation (Saleor's): a whole number greater than 0."""

    @staticmethod
    def serialize(value):
        return int(value)

    @staticmethod
    def parse_value(value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError("Value must be a positive integer.")
        return value

    @staticmethod
    def parse_literal(node, _variables=None):
        if isinstance(node, IntValueNode) and int(node.value) > 0:
            return int(node.value)
        return Undefined
