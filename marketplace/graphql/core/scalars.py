"""Saleor's ``JSON`` and ``PositiveDecimal`` scalars."""

from decimal import Decimal, InvalidOperation

import graphene
from graphene.types.generic import GenericScalar
from graphql import GraphQLError
from graphql.language import ast


class JSON(GenericScalar):
    """Any JSON value (Saleor's ``JSON``): objects, lists, strings, numbers, booleans."""

    class Meta:
        name = "JSON"


class PositiveDecimal(graphene.Scalar):
    """A decimal number that is not negative (Saleor's ``PositiveDecimal``)."""

    @staticmethod
    def serialize(value):
        return float(value)

    @staticmethod
    def parse_value(value):
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            raise GraphQLError(f"Expected a decimal number, got {value!r}.")
        if not number.is_finite() or number < 0:
            raise GraphQLError(f"Expected a positive decimal number, got {value!r}.")
        return number

    @classmethod
    def parse_literal(cls, node, _variables=None):
        if isinstance(node, ast.IntValueNode | ast.FloatValueNode | ast.StringValueNode):
            return cls.parse_value(node.value)
        raise GraphQLError("Expected a positive decimal number.")
