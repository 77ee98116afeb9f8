"""checkoutEmailUpdate, checkoutShippingAddressUpdate, checkoutBillingAddressUpdate,
checkoutDeliveryMethodUpdate, checkoutPaymentMethodUpdate, checkoutAddPromoCode,
checkoutRemovePromoCode."""

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout.services import set_contact, set_payment_method, set_shipping_address
from marketplace.orders.models import PaymentMethod

from ...core.ids import InvalidIdError, from_global_id_or_error
from ...core.mutations import MutationError
from ..address import AddressInput, address_dict
from ..delivery import DELIVERY_IDS
from .base import CheckoutIdArguments, CheckoutMutation, PromoCodeCheckoutIdArguments, find_checkout


class CheckoutEmailUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        email = graphene.String(required=True, description="email.")

    class Meta:
        description = "Updates email address in the existing checkout object."

    @classmethod
    def handle(cls, info, *, email, id=None, checkout_id=None, token=None):
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        set_contact(checkout.pk, email=email, phone=checkout.phone)
        return cls(checkout=cls.reload(checkout))


class CheckoutAddressValidationRules(graphene.InputObjectType):
    check_required_fields = graphene.Boolean(default_value=True)
    check_fields_format = graphene.Boolean(default_value=True)
    enable_fields_normalization = graphene.Boolean(default_value=True)

    class Meta:
        description = (
            "Accepted for Saleor's clients; an Indonesian address is always checked in full "
            "against the region data (couriers need every part of it)."
        )


class CheckoutShippingAddressUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        shipping_address = AddressInput(
            required=True,
            description="countryArea = province, city = kabupaten/kota, cityArea = kecamatan.",
        )
        save_address = graphene.Boolean(
            default_value=True, description="Accepted; the address book is kept apart."
        )
        validation_rules = CheckoutAddressValidationRules()

    class Meta:
        description = "Update the delivery address; shipping is priced per group from it."

    @classmethod
    def handle(cls, info, *, shipping_address, id=None, checkout_id=None, token=None, **_options):
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        set_shipping_address(checkout.pk, address_dict(shipping_address))
        return cls(checkout=cls.reload(checkout))


class CheckoutBillingAddressUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        billing_address = AddressInput(required=True)
        save_address = graphene.Boolean(default_value=True)
        validation_rules = CheckoutAddressValidationRules()

    class Meta:
        description = (
            "Checks a billing address. Invoices here go to the delivery address, "
            "so the checkout keeps only that one."
        )

    @classmethod
    def handle(cls, info, *, billing_address, id=None, checkout_id=None, token=None, **_options):
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        address_dict(billing_address, field="billingAddress")
        return cls(checkout=checkout)


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        delivery_method_id = graphene.ID(description="Delivery method ID.")

    class Meta:
        description = "Choose the delivery method; the one method is per-group shipping."

    @classmethod
    def handle(cls, info, *, delivery_method_id=None, id=None, checkout_id=None, token=None):
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        try:
            type_and_value = from_global_id_or_error(delivery_method_id or "")
        except InvalidIdError:
            type_and_value = None
        if tuple(type_and_value or ()) not in DELIVERY_IDS:
            raise MutationError(
                "DELIVERY_METHOD_NOT_APPLICABLE",
                _("This delivery method is not available."),
                field="deliveryMethodId",
            )
        if not checkout.has_shipping_address:
            raise MutationError(
                "SHIPPING_ADDRESS_NOT_SET",
                _("Set the delivery address first."),
                field="deliveryMethodId",
            )
        return cls(checkout=checkout)


class CheckoutPaymentMethodEnum(graphene.Enum):
    BANK_TRANSFER = PaymentMethod.BANK_TRANSFER.value
    CARD = PaymentMethod.CARD.value


class CheckoutPaymentMethodUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        payment_method = CheckoutPaymentMethodEnum(required=True)

    class Meta:
        description = "Choose bank transfer or card; decides how long the unpaid order waits."

    @classmethod
    def handle(cls, info, *, payment_method, id=None, checkout_id=None, token=None):
        checkout = find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        set_payment_method(checkout.pk, getattr(payment_method, "value", payment_method))
        return cls(checkout=cls.reload(checkout))


class CheckoutAddPromoCode(CheckoutMutation):
    class Arguments(PromoCodeCheckoutIdArguments):
        promo_code = graphene.String(required=True, description="Gift card code or voucher code.")

    class Meta:
        description = "Adds a gift card or a voucher to a checkout (none exist here)."

    @classmethod
    def handle(cls, info, *, promo_code, id=None, checkout_id=None, token=None):
        find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        raise MutationError(
            "INVALID", _("Promo code is invalid: there are no vouchers here."), field="promoCode"
        )


class CheckoutRemovePromoCode(CheckoutMutation):
    class Arguments(PromoCodeCheckoutIdArguments):
        promo_code = graphene.String(description="Gift card code or voucher code.")
        promo_code_id = graphene.ID(description="Gift card or voucher ID.")

    class Meta:
        description = "Removes a gift card or a voucher from a checkout (none exist here)."

    @classmethod
    def handle(cls, info, *, id=None, checkout_id=None, token=None, **codes):
        find_checkout(info, id=id, checkout_id=checkout_id, token=token)
        raise MutationError(
            "INVALID", _("Promo code is invalid: there are no vouchers here."), field="promoCode"
        )
