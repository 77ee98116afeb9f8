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
        "pages": _PAGED,
    },
    "Product": {
        **_METADATA,
        "attributes": _LIST,
        "assignedAttributes": _LIST,
        "variants": _LIST,
        "productVariants": _PAGED,
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
    "WholesaleOffer": {"tiers": _LIST},
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
    "User": {
        **_METADATA,
        "addresses": _LIST,
        "uppksGroups": _LIST,
        "orders": _PAGED,
        "checkoutIds": _SCALARS,
        "userPermissions": _LIST,
    },
    "Order": {
        "metadata": _SCALARS,
        "fulfillments": _LIST,
        "lines": _LIST,
        "discounts": _LIST,
        "transactions": _LIST,
    },
    "TransactionItem": {**_METADATA, "actions": _SCALARS, "events": _LIST},
    "AddressValidationData": {
        "allowedFields": _SCALARS,
        "requiredFields": _SCALARS,
        "upperFields": _SCALARS,
        "countryAreaChoices": _LIST,
        "cityChoices": _LIST,
        "cityAreaChoices": _LIST,
        "postalCodeMatchers": _SCALARS,
        "postalCodeExamples": _SCALARS,
    },
    "PaymentGatewayInitialize": {"errors": _LIST, "gatewayConfigs": _LIST},
    "PaymentGatewayConfig": {"errors": _LIST},
    "TransactionInitialize": {"errors": _LIST},
    "TransactionProcess": {"errors": _LIST},
    "DeliveryOptionsCalculate": {"errors": _LIST, "deliveries": _LIST},
    "UpdateMetadata": {"errors": _LIST, "metadataErrors": _LIST},
    "OrderLine": {"metadata": _SCALARS},
    "Fulfillment": {"metadata": _SCALARS, "lines": _LIST},
    "Checkout": {
        **_METADATA,
        "giftCards": _LIST,
        "problems": _LIST,
        "availableShippingMethods": _LIST,
        "shippingMethods": _LIST,
        "availablePaymentGateways": _LIST,
        "lines": _LIST,
        "shipments": _LIST,
    },
    "CheckoutLine": {"metadata": _SCALARS},
    "CheckoutShipment": {"lines": _LIST, "courierOptions": _LIST},
    "ShippingMethod": {"metadata": _SCALARS},
    "Menu": {"metadata": _SCALARS, "items": _LIST},
    "MenuItem": {"metadata": _SCALARS, "children": _LIST},
    "Page": {
        **_METADATA,
        "attributes": _LIST,
        "assignedAttributes": _LIST,
    },
    "PageType": {**_METADATA, "attributes": _LIST},
    "AssignedMultiChoiceAttribute": {"value": _LIST},
    # error types: lists of IDs
    "CheckoutError": {"variants": _SCALARS, "lines": _SCALARS},
    "ProductError": {"attributes": _SCALARS, "values": _SCALARS},
    "AccountError": {"attributes": _SCALARS},
    "OrderError": {"orderLines": _SCALARS, "variants": _SCALARS},
}


def _payloads(legacy_field: str, *names: str) -> dict[str, dict]:
    """Mutation payloads list their errors twice (``errors`` and Saleor's legacy field)."""
    return {name: {"errors": _LIST, legacy_field: _LIST} for name in names}


COST_MAP.update(
    _payloads(
        "checkoutErrors",
        "CheckoutCreate",
        "CheckoutLinesAdd",
        "CheckoutLinesUpdate",
        "CheckoutLinesDelete",
        "CheckoutEmailUpdate",
        "CheckoutShippingAddressUpdate",
        "CheckoutBillingAddressUpdate",
        "CheckoutDeliveryMethodUpdate",
        "CheckoutPaymentMethodUpdate",
        "CheckoutAddPromoCode",
        "CheckoutRemovePromoCode",
        "CheckoutLineDelete",
        "CheckoutComplete",
        "CheckoutCustomerAttach",
        "CheckoutCustomerDetach",
        "CheckoutShipmentCourierUpdate",
    )
)
COST_MAP.update(
    _payloads(
        "accountErrors",
        "CreateToken",
        "RefreshToken",
        "VerifyToken",
        "AccountRegister",
        "AccountUpdate",
        "PasswordChange",
        "RequestPasswordReset",
        "SetPassword",
        "DeactivateAllUserTokens",
        "AccountAddressCreate",
        "AccountAddressUpdate",
        "AccountAddressDelete",
        "AccountSetDefaultAddress",
        "AccountRequestDeletion",
        "AccountDelete",
    )
)
COST_MAP.update(_payloads("productErrors", "ProductSubmit", "ProductApprove", "ProductReject"))
COST_MAP.update(_payloads("stockErrors", "StockUpdate"))
COST_MAP.update(
    _payloads("orderErrors", "FulfillmentAccept", "FulfillmentReject", "FulfillmentUpdateTracking")
)
