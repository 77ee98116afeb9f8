"""Saleor-style query cost.

Each entry gives a field's complexity and, for connections, the page-size arguments that multiply
it together with everything selected below it. Object fields without an entry cost 1, scalars 0.
Every list or connection field of the schema must have an entry: a test fails when one is missing
(``edges`` are covered by their connection's multiplier).
"""

DEFAULT_COMPLEXITY = 1

_PAGED = {"complexity": 1, "multipliers": ["first", "last"]}
_LIST = {"complexity": 1}
_SCALARS = {"complexity": 0}

_METADATA = {"metadata": _SCALARS, "privateMetadata": _SCALARS}

COST_MAP: dict[str, dict[str, dict]] = {
    "Query": {
        "products": _PAGED,
        "productVariants": _PAGED,
        "categories": _PAGED,
        "collections": _PAGED,
        "uppksGroups": _PAGED,
        "channels": _LIST,
        "myGroupFulfillments": _PAGED,
    },
    "Product": {
        **_METADATA,
        "attributes": _LIST,
        "assignedAttributes": _LIST,
        "variants": _LIST,
        "media": _LIST,
        "collections": _LIST,
    },
    "ProductVariant": {
        **_METADATA,
        "attributes": _LIST,
        "assignedAttributes": _LIST,
        "media": _LIST,
        "stocks": _LIST,
    },
    "ProductMedia": _METADATA,
    "ProductType": _METADATA,
    "Category": {
        **_METADATA,
        "ancestors": _PAGED,
        "children": _PAGED,
        "products": _PAGED,
    },
    "Collection": {"metadata": _SCALARS, "products": _PAGED},
    "UppksGroup": {"products": _PAGED},
    "Attribute": {"metadata": _SCALARS},
    "SelectedAttribute": {"values": _LIST},
    "Address": {"metadata": _SCALARS},
    "Channel": {
        "metadata": _SCALARS,
        "countries": _SCALARS,
        "warehouses": _LIST,
    },
    "Shop": {
        "metadata": _SCALARS,
        "languages": _SCALARS,
        "countries": _SCALARS,
        "channelCurrencies": _SCALARS,
        "availablePaymentGateways": _LIST,
        "phonePrefixes": _SCALARS,
    },
    "PaymentGateway": {"config": _SCALARS, "currencies": _SCALARS},
}
