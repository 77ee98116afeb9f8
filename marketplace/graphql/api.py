"""The GraphQL schema served at /graphql/ (each domain adds its queries and mutations)."""

import graphene


class Query(graphene.ObjectType):
    ok = graphene.Boolean(description="Always true; the API is up.")

    @staticmethod
    def resolve_ok(root, info):
        return True


schema = graphene.Schema(query=Query)
