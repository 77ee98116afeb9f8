"""The GraphQL schema served at /graphql/: one query and one mutation root, made of domains."""

import graphene

from .account.schema import AccountMutations, AccountQueries
from .checkout.schema import CheckoutMutations, CheckoutQueries
from .core.directives import DIRECTIVES
from .group.schema import GroupQueries
from .order.schema import OrderMutations, OrderQueries
from .page.schema import PageQueries
from .payment.schema import PaymentMutations
from .product.attributes import ASSIGNED_ATTRIBUTE_TYPES
from .product.schema import ProductMutations, ProductQueries
from .shop.menu import MenuQueries
from .shop.schema import ShopQueries


class Query(
    ProductQueries,
    GroupQueries,
    ShopQueries,
    AccountQueries,
    CheckoutQueries,
    OrderQueries,
    MenuQueries,
    PageQueries,
    graphene.ObjectType,
):
    pass


class Mutation(
    AccountMutations,
    CheckoutMutations,
    OrderMutations,
    PaymentMutations,
    ProductMutations,
    graphene.ObjectType,
):
    pass


# Types reached only through an interface must be named here.
schema = graphene.Schema(
    query=Query,
    mutation=Mutation,
    types=ASSIGNED_ATTRIBUTE_TYPES,
    directives=DIRECTIVES,
)
