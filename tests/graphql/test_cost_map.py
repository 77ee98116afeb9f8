"""Every list or connection field of the schema has an entry in the cost map."""

from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, get_named_type

from marketplace.graphql.api import schema
from marketplace.graphql.core.cost import COST_MAP


def _list_fields():
    for type_name, graphql_type in schema.graphql_schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        if type_name.endswith("Connection"):
            continue  # edges are priced by their connection's first/last multiplier
        for field_name, field in graphql_type.fields.items():
            field_type = (
                field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            )
            if isinstance(field_type, GraphQLList) or get_named_type(field.type).name.endswith(
                "Connection"
            ):
                yield type_name, field_name, field


def test_every_list_field_has_a_cost_entry():
    missing = [f"{t}.{f}" for t, f, _ in _list_fields() if f not in COST_MAP.get(t, {})]

    assert missing == []


def test_every_connection_field_is_multiplied_by_its_page_size():
    unmultiplied = [
        f"{t}.{f}"
        for t, f, field in _list_fields()
        if "first" in field.args and COST_MAP[t][f].get("multipliers") != ["first", "last"]
    ]

    assert unmultiplied == []


def test_cost_map_names_only_fields_that_exist():
    type_map = schema.graphql_schema.type_map
    unknown = [
        f"{t}.{f}"
        for t, fields in COST_MAP.items()
        for f in fields
        if t not in type_map or f not in type_map[t].fields
    ]

    assert unknown == []
