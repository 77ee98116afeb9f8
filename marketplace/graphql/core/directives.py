"""The directives the schema declares: GraphQL's specified ones, as GraphQL.js 16 can read them.

graphql-core 3.2.14 lets ``@deprecated`` stand on ``DIRECTIVE_DEFINITION`` too (a draft of the
spec). GraphQL.js 16, which Saleor's storefront codegen and clients run on, has no such location:
its ``typescript`` codegen plugin prints the introspected schema and fails to parse it again
("Syntax Error: Unexpected Name "DIRECTIVE_DEFINITION""). Saleor 3.24 declares ``@deprecated`` on
the four locations of the released spec, and so do we.
"""

from graphql import (
    DirectiveLocation,
    GraphQLDeprecatedDirective,
    GraphQLDirective,
    specified_directives,
)

DEPRECATED = GraphQLDirective(
    name=GraphQLDeprecatedDirective.name,
    locations=[
        DirectiveLocation.FIELD_DEFINITION,
        DirectiveLocation.ARGUMENT_DEFINITION,
        DirectiveLocation.INPUT_FIELD_DEFINITION,
        DirectiveLocation.ENUM_VALUE,
    ],
    args=GraphQLDeprecatedDirective.args,
    description=GraphQLDeprecatedDirective.description,
)

DIRECTIVES = tuple(
    DEPRECATED if directive.name == DEPRECATED.name else directive
    for directive in specified_directives
)
