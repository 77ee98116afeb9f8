"""Hard limits: each violation is a clear GraphQL error, nothing runs, the server stays up."""

import json

import pytest
from django.test import override_settings

from marketplace.checkout.models import Checkout
from tests.factories.graphql import storefront_product


def _only_error(response) -> dict:
    content = response.json()
    assert "data" not in content or content["data"] is None
    assert len(content["errors"]) == 1
    return content["errors"][0]


def _server_still_answers(api):
    assert api.execute("{ shop { name } }") == {"shop": {"name": "Pasar UPPKS"}}


def test_malformed_json_is_refused(api):
    response = api.post_raw('{"query": "{ shop { name } ')

    assert response.status_code == 400
    assert _only_error(response) == {
        "message": "The request body is not valid JSON.",
        "extensions": {"exception": {"code": "InvalidJSON"}},
    }
    _server_still_answers(api)


def test_a_query_of_depth_50_is_refused(api):
    inner = "name"
    for _ in range(48):
        inner = f"parent {{ {inner} }}"
    deep = 'query { category(slug: "anyaman") { ' + inner + " } }"

    response = api.post(deep)

    error = _only_error(response)
    assert error["message"] == "The query exceeds the maximum depth of 12."
    assert error["extensions"] == {"exception": {"code": "QueryDepthExceeded"}}
    _server_still_answers(api)


def test_a_page_of_100000_is_refused(api):
    response = api.post('{ products(first: 100000, channel: "default-channel") { totalCount } }')

    error = _only_error(response)
    assert error["message"] == "Argument 'first' must be between 0 and 100; got 100000."
    assert error["extensions"] == {"exception": {"code": "PageSizeExceeded"}}


def test_a_page_size_from_variables_is_checked_too(api):
    response = api.post(
        'query($n: Int!) { products(first: $n, channel: "default-channel") { totalCount } }',
        {"n": 101},
    )

    assert _only_error(response)["extensions"] == {"exception": {"code": "PageSizeExceeded"}}


def test_an_alias_bomb_is_refused(api):
    query = "{ " + " ".join(f"a{i}: shop {{ name }}" for i in range(1000)) + " }"

    response = api.post(query)

    error = _only_error(response)
    assert error["message"] == "The query uses more than 100 aliases."
    assert error["extensions"] == {"exception": {"code": "QueryAliasLimitExceeded"}}
    _server_still_answers(api)


def test_a_fragment_cycle_is_refused(api):
    query = """
    query { products(first: 1) { edges { node { ...A } } } }
    fragment A on Product { category { ...B } }
    fragment B on Category { products(first: 1) { edges { node { ...A } } } }
    """

    response = api.post(query)

    content = response.json()
    assert content.get("data") is None
    assert [e["message"] for e in content["errors"]] == [
        "Cannot spread fragment 'A' within itself via 'B'."
    ]
    _server_still_answers(api)


@override_settings(GRAPHQL_MAX_COST=500)
def test_an_expensive_query_is_refused_with_its_cost(api):
    query = """{ products(first: 100, channel: "default-channel") { edges { node {
        name variants { name pricing { price { gross { amount } } } } } } } }"""

    response = api.post(query)

    error = _only_error(response)
    assert error["extensions"]["exception"] == {"code": "QueryCostError"}
    assert error["extensions"]["cost"]["maximumAvailable"] == 500
    assert error["extensions"]["cost"]["requestedQueryCost"] > 500


@override_settings(GRAPHQL_MAX_BODY_BYTES=1024)
def test_an_oversized_body_is_refused(api):
    body = json.dumps({"query": "{ shop { name } }", "variables": {"pad": "x" * 2000}})

    response = api.post_raw(body)

    assert response.status_code == 413
    assert _only_error(response)["extensions"] == {"exception": {"code": "RequestTooLarge"}}


def test_refused_mutations_change_nothing(api):
    product = storefront_product(prices=(25_000,))
    variant = product.variants.get()
    aliases = " ".join(
        f'c{i}: checkoutCreate(input: {{channel: "default-channel", lines: '
        f'[{{variantId: "{variant.pk}", quantity: 1}}]}}) {{ errors {{ code }} }}'
        for i in range(150)
    )

    response = api.post("mutation { " + aliases + " }")

    assert _only_error(response)["extensions"] == {"exception": {"code": "QueryAliasLimitExceeded"}}
    assert Checkout.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'"just a string"',
        b'{"query": 12}',
        b'{"query": "{ shop { name } }", "variables": [1]}',
    ],
)
def test_wrong_shapes_are_clear_errors(api, body):
    response = api.post_raw(body)

    assert response.status_code == 400
    assert len(response.json()["errors"]) == 1
