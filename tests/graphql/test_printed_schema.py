"""marketplace/graphql/schema.graphql is the schema the code serves."""

from marketplace.graphql.management.commands.print_graphql_schema import (
    SCHEMA_FILE,
    printed_schema,
)


def test_printed_schema_is_up_to_date():
    # when this fails: DEBUG=true python manage.py print_graphql_schema
    assert SCHEMA_FILE.read_text() == printed_schema()


def test_printed_schema_keeps_saleors_names():
    text = SCHEMA_FILE.read_text()

    for line in (
        "type ProductCountableConnection {",
        "  totalCount: Int",
        "type Money {",
        "type TaxedMoney {",
        "  checkoutCreate(input: CheckoutCreateInput!): CheckoutCreate",
        "enum CheckoutErrorCode {",
        "  tokenCreate(",
    ):
        assert line in text
