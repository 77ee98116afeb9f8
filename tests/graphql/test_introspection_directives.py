"""Introspection answers what GraphQL.js 16 (Saleor's storefront codegen, its npm clients) reads."""

from graphql import get_introspection_query

JS_16_LOCATIONS_OF_DEPRECATED = [
    "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION",
    "INPUT_FIELD_DEFINITION",
    "ENUM_VALUE",
]


def _directives(api) -> dict:
    data = api.execute(get_introspection_query(descriptions=True))
    return {d["name"]: d for d in data["__schema"]["directives"]}


def test_deprecated_directive_has_only_the_locations_graphql_js_16_parses(api):
    # when
    directives = _directives(api)
    # then
    assert directives["deprecated"]["locations"] == JS_16_LOCATIONS_OF_DEPRECATED
    assert [arg["name"] for arg in directives["deprecated"]["args"]] == ["reason"]
    assert directives["deprecated"]["args"][0]["defaultValue"] == '"No longer supported"'


def test_the_other_specified_directives_are_unchanged(api):
    # when
    directives = _directives(api)
    # then
    assert sorted(directives) == ["deprecated", "include", "oneOf", "skip", "specifiedBy"]
    assert directives["include"]["locations"] == ["FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"]
    assert directives["specifiedBy"]["locations"] == ["SCALAR"]


def test_deprecated_fields_still_introspect_as_deprecated(api):
    # given
    query = """{ __type(name: "Query") { fields(includeDeprecated: true) {
        name isDeprecated deprecationReason } } }"""
    # when
    fields = {field["name"]: field for field in api.execute(query)["__type"]["fields"]}
    # then
    assert fields["orderByToken"]["isDeprecated"] is True
    assert fields["orderByToken"]["deprecationReason"] == "Use `order(id:)` when signed in."
