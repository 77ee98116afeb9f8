"""checkout query and the checkout mutations."""

import graphene

from ..core.mutations import MutationError
from .address_rules import AddressRulesQueries
from .mutations.base import find_checkout
from .mutations.complete import CheckoutComplete
from .mutations.courier import CheckoutShipmentCourierUpdate
from .mutations.customer_attach import CheckoutCustomerAttach
from .mutations.customer_detach import CheckoutCustomerDetach
from .mutations.delivery_options import DeliveryOptionsCalculate
from .mutations.details import (
    CheckoutAddPromoCode,
    CheckoutBillingAddressUpdate,
    CheckoutDeliveryMethodUpdate,
    CheckoutEmailUpdate,
    CheckoutPaymentMethodUpdate,
    CheckoutRemovePromoCode,
    CheckoutShippingAddressUpdate,
)
from .mutations.lines import (
    CheckoutCreate,
    CheckoutLineDelete,
    CheckoutLinesAdd,
    CheckoutLinesDelete,
    CheckoutLinesUpdate,
)
from .mutations.metadata import UpdateMetadata
from .types import Checkout


class CheckoutQueries(AddressRulesQueries, graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        id=graphene.ID(description="The checkout's ID."),
        token=graphene.UUID(deprecation_reason="Use `id` instead."),
        description="Look up a checkout by ID.",
    )

    @staticmethod
    def resolve_checkout(root, info, id=None, token=None):
        try:
            return find_checkout(info, id=id, token=token)
        except MutationError:
            return None


class CheckoutMutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_line_delete = CheckoutLineDelete.Field(
        deprecation_reason="Use `checkoutLinesDelete` instead."
    )
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_customer_attach = CheckoutCustomerAttach.Field()
    checkout_customer_detach = CheckoutCustomerDetach.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_payment_method_update = CheckoutPaymentMethodUpdate.Field()
    checkout_add_promo_code = CheckoutAddPromoCode.Field()
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field()
    delivery_options_calculate = DeliveryOptionsCalculate.Field()
    checkout_shipment_courier_update = CheckoutShipmentCourierUpdate.Field()
    update_metadata = UpdateMetadata.Field()
    checkout_complete = CheckoutComplete.Field()
