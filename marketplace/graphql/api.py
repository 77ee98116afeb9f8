"""The GraphQL schema served at /graphql/: one query and one mutation root, made of domains."""

import graphene

from .account.schema import AccountMutations, AccountQueries
from .group.schema import GroupQueries
from .product.schema import ProductQueries
from .shop.schema import ShopQueries


class Query(ProductQueries, GroupQueries, ShopQueries, AccountQueries, graphene.ObjectType):
    pass


class Mutation(AccountMutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
