"""The GraphQL schema served at /graphql/: one query and one mutation root, made of domains."""

import graphene

from .group.schema import GroupQueries
from .product.schema import ProductQueries
from .shop.schema import ShopQueries


class Query(ProductQueries, GroupQueries, ShopQueries, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query)
