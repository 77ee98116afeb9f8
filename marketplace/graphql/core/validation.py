"""Limits checked before a query runs: depth, Saleor-style cost, aliases, page size.

Each limit is a validation rule, so a violation is answered with a GraphQL error and nothing runs.
Fragment cycles are refused by graphql-core's ``NoFragmentCyclesRule``; the walks below carry a
set of visited fragments so that a cycle can never make them loop.
"""

from collections.abc import Iterable

from django.conf import settings
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    InlineFragmentNode,
    ValidationRule,
    get_named_type,
    specified_rules,
)
from graphql.language import IntValueNode, VariableNode

from .cost import COST_MAP, DEFAULT_COMPLEXITY
from .pagination import MAX_PAGE_SIZE


def _selections(context, selection_set, visited: frozenset) -> Iterable[tuple]:
    """Yield (field node, type condition name or None, visited) through fragments."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection, None, visited
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition.name.value if selection.type_condition else None
            for field, cond, seen in _selections(context, selection.selection_set, visited):
                yield field, cond or condition, seen
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = context.get_fragment(name)
            if fragment is None or name in visited:
                continue
            condition = fragment.type_condition.name.value
            for field, cond, seen in _selections(context, fragment.selection_set, visited | {name}):
                yield field, cond or condition, seen


class DepthLimitRule(ValidationRule):
    """Refuse operations nested deeper than ``GRAPHQL_MAX_DEPTH`` (introspection excluded)."""

    def enter_operation_definition(self, node, *_):
        limit = settings.GRAPHQL_MAX_DEPTH
        depth = self._depth(node.selection_set, frozenset(), 0, limit)
        if depth > limit:
            self.report_error(
                GraphQLError(
                    f"The query exceeds the maximum depth of {limit}.",
                    node,
                    extensions={"exception": {"code": "QueryDepthExceeded"}},
                )
            )

    def _depth(self, selection_set, visited, depth, limit) -> int:
        deepest = depth
        for field, _, seen in _selections(self.context, selection_set, visited):
            if field.name.value.startswith("__"):
                continue
            if field.selection_set is None:
                deepest = max(deepest, depth + 1)
                continue
            deepest = max(deepest, self._depth(field.selection_set, seen, depth + 1, limit))
            if deepest > limit:
                return deepest
        return deepest


class AliasLimitRule(ValidationRule):
    """Refuse documents with more than ``GRAPHQL_MAX_ALIASES`` aliases (alias bombs)."""

    def __init__(self, context):
        super().__init__(context)
        self.aliases = 0
        self.reported = False

    def enter_field(self, node, *_):
        if node.alias is None or self.reported:
            return
        self.aliases += 1
        limit = settings.GRAPHQL_MAX_ALIASES
        if self.aliases > limit:
            self.reported = True
            self.report_error(
                GraphQLError(
                    f"The query uses more than {limit} aliases.",
                    node,
                    extensions={"exception": {"code": "QueryAliasLimitExceeded"}},
                )
            )


def cost_rule(variables: dict | None):
    """A rule class that knows the request's variables (for ``first: $first``)."""

    class CostLimitRule(ValidationRule):
        def enter_operation_definition(self, node, *_):
            schema = self.context.schema
            root = (
                schema.mutation_type
                if node.operation.value == "mutation"
                else schema.subscription_type
                if node.operation.value == "subscription"
                else schema.query_type
            )
            self.page_errors = []
            total = self._cost(root, node.selection_set, frozenset())
            for error in self.page_errors:
                self.report_error(error)
            limit = settings.GRAPHQL_MAX_COST
            if not self.page_errors and total > limit:
                self.report_error(
                    GraphQLError(
                        f"The query cost is {total}, above the maximum allowed of {limit}.",
                        node,
                        extensions={
                            "exception": {"code": "QueryCostError"},
                            "cost": {"requestedQueryCost": total, "maximumAvailable": limit},
                        },
                    )
                )

        def _cost(self, parent_type, selection_set, visited) -> int:
            schema = self.context.schema
            total = 0
            for field, condition, seen in _selections(self.context, selection_set, visited):
                name = field.name.value
                if name.startswith("__"):
                    continue
                owner = schema.get_type(condition) if condition else parent_type
                if not isinstance(owner, GraphQLObjectType | GraphQLInterfaceType):
                    owner = parent_type
                if not isinstance(owner, GraphQLObjectType | GraphQLInterfaceType):
                    continue
                field_def = owner.fields.get(name)
                if field_def is None:
                    continue
                entry = COST_MAP.get(owner.name, {}).get(name)
                child_type = get_named_type(field_def.type)
                if field.selection_set is None:
                    total += entry.get("complexity", 0) if entry else 0
                    continue
                children = self._cost(child_type, field.selection_set, seen)
                complexity = entry.get("complexity", DEFAULT_COMPLEXITY) if entry else 1
                total += (complexity + children) * self._multiplier(field, entry)
            return total

        def _multiplier(self, field, entry) -> int:
            if not entry or not entry.get("multipliers"):
                return 1
            value = None
            for argument in field.arguments:
                if argument.name.value not in entry["multipliers"]:
                    continue
                if isinstance(argument.value, IntValueNode):
                    value = int(argument.value.value)
                elif isinstance(argument.value, VariableNode):
                    raw = (variables or {}).get(argument.value.name.value)
                    value = raw if isinstance(raw, int) else None
                if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
                    self.page_errors.append(
                        GraphQLError(
                            f"Argument '{argument.name.value}' must be between 0 and "
                            f"{MAX_PAGE_SIZE}; got {value}.",
                            argument,
                            extensions={"exception": {"code": "PageSizeExceeded"}},
                        )
                    )
                    value = MAX_PAGE_SIZE
            return max(value if value is not None else MAX_PAGE_SIZE, 1)

    return CostLimitRule


def static_rules() -> list:
    """The rules that depend on the document alone; the cost rule also needs the variables."""
    return [*specified_rules, DepthLimitRule, AliasLimitRule]
