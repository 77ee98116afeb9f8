"""The storefront's catalog and content documents validate against the served schema, and a
field Saleor does not have fails with graphql-core's own message."""

import pytest
from graphql import parse, validate

from marketplace.graphql.api import schema

from .storefront_catalog import ALL


@pytest.mark.parametrize("name", sorted(ALL))
def test_storefront_document_validates(name):
    errors = validate(schema.graphql_schema, parse(ALL[name]))

    assert [error.message for error in errors] == []


def test_unknown_attribute_field_fails_validation_with_graphql_cores_message(api):
    response = api.post('{ productVariant(sku: "X") { attributes { values { fileUrl } } } }')

    assert response.status_code == 400
    assert [error["message"] for error in response.json()["errors"]] == [
        "Cannot query field 'fileUrl' on type 'AttributeValue'. Did you mean 'file'?"
    ]
