"""Batched operations (a JSON list) run one by one, each with its own result."""

import json

from tests.factories.graphql import storefront_product


def test_a_batch_answers_each_operation(api):
    product = storefront_product()

    response = api.post_raw(
        json.dumps(
            [
                {"query": "{ shop { name } }"},
                {
                    "query": "query($slug: String!) { product(slug: $slug) { name } }",
                    "variables": {"slug": product.slug},
                },
                {"query": '{ products(first: 1000, channel: "default-channel") { totalCount } }'},
            ]
        )
    )

    results = response.json()
    assert response.status_code == 200
    assert results[0] == {"data": {"shop": {"name": "Pasar UPPKS"}}}
    assert results[1] == {"data": {"product": {"name": "Sabun Propolis"}}}
    assert results[2]["errors"][0]["extensions"] == {"exception": {"code": "PageSizeExceeded"}}


def test_a_batch_of_more_than_ten_is_refused(api):
    response = api.post_raw(json.dumps([{"query": "{ shop { name } }"}] * 11))

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"exception": {"code": "BatchTooLarge"}}
