"""Errors are clear, in the user's language, and never carry stack traces or SQL."""

# ruff: noqa: E501  (GraphQL documents read best unwrapped)

from django.db import OperationalError
from graphql import GraphQLError

from marketplace.graphql.core.views import format_error
from tests.factories.graphql import storefront_product

from .conftest import ApiClient


def test_errors_are_in_indonesian_by_default(db):
    api = ApiClient(language="id")

    response = api.post('{ products(first: 5, channel: "eu") { totalCount } }')

    assert response.json()["errors"][0]["message"] == "Kanal dengan slug 'eu' tidak ada."


def test_mutation_errors_follow_the_requested_language(db):
    storefront_product()
    missing = "Q2hlY2tvdXQ6NWIxYzNjMWUtNGYwZS00YzFlLTljMWUtMDAwMDAwMDAwMDAw"
    query = 'mutation($id: ID!) { checkoutEmailUpdate(id: $id, email: "a@b.id") { errors { message } } }'

    indonesian = ApiClient(language="id").execute(query, {"id": missing})
    english = ApiClient(language="en").execute(query, {"id": missing})

    assert indonesian["checkoutEmailUpdate"]["errors"] == [
        {"message": "Keranjang tidak ditemukan."}
    ]
    assert english["checkoutEmailUpdate"]["errors"] == [
        {"message": "Couldn't resolve to a node: checkout."}
    ]


def test_a_nan_price_bound_is_a_clear_error(api):
    storefront_product()

    response = api.post(
        '{ products(first: 5, channel: "default-channel", '
        'where: {price: {range: {gte: "NaN"}}}) { totalCount } }'
    )

    content = response.json()
    assert content["data"] == {"products": None}
    assert content["errors"][0]["message"] == "Price bounds must be numbers of rupiah."


def test_unexpected_failures_are_reported_without_internals():
    failure = OperationalError('relation "catalog_product" does not exist\nLINE 1: SELECT ...')
    located = GraphQLError("ignored", path=["products"], original_error=failure)

    formatted = format_error(located)

    assert formatted == {
        "message": "Internal Server Error",
        "path": ["products"],
        "extensions": {"exception": {"code": "InternalServerError"}},
    }
    assert "SELECT" not in str(formatted)
    assert "Traceback" not in str(formatted)


def test_the_endpoint_refuses_other_methods_without_debug_pages(api):
    response = api.client.get("/graphql/")

    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"] == {"exception": {"code": "MethodNotAllowed"}}
