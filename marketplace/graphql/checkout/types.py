"""The cart in Saleor's Checkout shape; shipping is priced per group shipment."""

import graphene

from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.checkout.services import checkout_summary
from marketplace.checkout.summary import CheckoutSummary

from ..account.types import User
from ..core.enums import LanguageCodeEnum
from ..core.ids import to_global_id
from ..core.types import MetadataItem, Money, TaxedMoney, Weight, grams, money, taxed
from ..group.types import Address, UppksGroup
from ..product.dataloaders import ProductVariantByIdLoader
from ..product.types import ProductVariantNode
from ..shop.types import THE_CHANNEL, Channel, PaymentGateway, payment_gateways

PER_GROUP_METHOD = "per-group"


def summary_of(checkout: CheckoutModel) -> CheckoutSummary:
    """Routed per-group shipments, computed once per checkout per request."""
    cached = getattr(checkout, "_api_summary", None)
    if cached is None:
        cached = checkout_summary(checkout)
        checkout._api_summary = cached
    return cached


class ShippingMethod(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.JSONString()
    maximum_delivery_days = graphene.Int()
    minimum_delivery_days = graphene.Int()
    price = graphene.Field(Money, required=True)
    active = graphene.Boolean(required=True)
    message = graphene.String()
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "Delivery by each group from its own kabupaten, priced per shipment."

    @staticmethod
    def resolve_id(root, info):
        return PER_GROUP_METHOD

    @staticmethod
    def resolve_name(root, info):
        return "Pengiriman per kelompok"

    @staticmethod
    def resolve_price(root, info):
        return money(root.shipping_total)

    @staticmethod
    def resolve_active(root, info):
        return True

    @staticmethod
    def resolve_minimum_delivery_days(root, info):
        return 2

    @staticmethod
    def resolve_maximum_delivery_days(root, info):
        return 7

    @staticmethod
    def resolve_metadata(root, info):
        return []


class CheckoutLine(graphene.ObjectType):
    variant = graphene.Field(ProductVariantNode, required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(Money, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(Money, required=True)
    requires_shipping = graphene.Boolean(required=True)
    is_gift = graphene.Boolean()
    uppks_group = graphene.Field(
        UppksGroup, description="The group this line would ship from; null when out of stock."
    )
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root, info):
        return root.line.pk

    @staticmethod
    def resolve_variant(root, info):
        return root.variant

    @staticmethod
    def resolve_unit_price(root, info):
        return taxed(root.unit_price)

    @staticmethod
    def resolve_undiscounted_unit_price(root, info):
        return money(root.unit_price)

    @staticmethod
    def resolve_total_price(root, info):
        return taxed(root.total_price)

    @staticmethod
    def resolve_undiscounted_total_price(root, info):
        return money(root.total_price)

    @staticmethod
    def resolve_requires_shipping(root, info):
        return True

    @staticmethod
    def resolve_is_gift(root, info):
        return False

    @staticmethod
    def resolve_uppks_group(root, info):
        return root.route.group if root.route else None

    @staticmethod
    def resolve_metadata(root, info):
        return []


class CheckoutShipment(graphene.ObjectType):
    uppks_group = graphene.Field(UppksGroup, required=True)
    lines = graphene.NonNull(graphene.List(graphene.NonNull(CheckoutLine)))
    weight = graphene.Field(Weight, required=True)
    shipping_price = graphene.Field(Money, required=True)
    subtotal = graphene.Field(Money, required=True)

    class Meta:
        description = "One group's parcel of the cart."

    @staticmethod
    def resolve_uppks_group(root, info):
        return root.group

    @staticmethod
    def resolve_weight(root, info):
        return grams(root.weight_g)

    @staticmethod
    def resolve_shipping_price(root, info):
        return money(root.shipping_price)

    @staticmethod
    def resolve_subtotal(root, info):
        return money(root.subtotal)


def checkout_address(checkout: CheckoutModel) -> dict | None:
    if not checkout.has_shipping_address:
        return None
    return {
        "id": f"checkout-{checkout.pk}",
        "first_name": checkout.first_name,
        "last_name": checkout.last_name,
        "company_name": "",
        "street_address_1": checkout.street_address_1,
        "street_address_2": " ".join(p for p in (checkout.street_address_2, checkout.village) if p),
        "city": checkout.regency.name,
        "city_area": checkout.district.name if checkout.district_id else "",
        "postal_code": checkout.postal_code,
        "country_area": checkout.province.name if checkout.province_id else "",
        "phone": checkout.shipping_phone or checkout.phone or None,
    }


class CheckoutChargeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    OVERCHARGED = "overcharged"


class CheckoutAuthorizeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class Checkout(graphene.ObjectType):
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    last_change = graphene.DateTime(required=True)
    user = graphene.Field(User)
    channel = graphene.Field(Channel, required=True)
    billing_address = graphene.Field(Address)
    shipping_address = graphene.Field(Address)
    customer_note = graphene.String(required=True)
    discount = graphene.Field(Money)
    discount_name = graphene.String()
    voucher_code = graphene.String()
    available_shipping_methods = graphene.NonNull(graphene.List(graphene.NonNull(ShippingMethod)))
    shipping_methods = graphene.NonNull(graphene.List(graphene.NonNull(ShippingMethod)))
    available_payment_gateways = graphene.NonNull(graphene.List(graphene.NonNull(PaymentGateway)))
    email = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    lines = graphene.NonNull(graphene.List(graphene.NonNull(CheckoutLine)))
    shipping_price = graphene.Field(TaxedMoney, required=True)
    shipping_method = graphene.Field(ShippingMethod)
    delivery_method = graphene.Field(ShippingMethod)
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    total_balance = graphene.Field(Money, required=True)
    token = graphene.UUID(required=True)
    language_code = LanguageCodeEnum(required=True)
    display_gross_prices = graphene.Boolean(required=True)
    tax_exemption = graphene.Boolean(required=True)
    authorize_status = CheckoutAuthorizeStatusEnum(required=True)
    charge_status = CheckoutChargeStatusEnum(required=True)
    payment_method = graphene.String(description="bank_transfer or card.")
    shipments = graphene.NonNull(
        graphene.List(graphene.NonNull(CheckoutShipment)),
        description="The cart split into one parcel per group, with shipping prices.",
    )
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A cart: lines, contact and delivery address, priced per group shipment."

    @staticmethod
    def resolve_id(root, info):
        return str(root.token)

    @staticmethod
    def resolve_created(root, info):
        return root.created_at

    @staticmethod
    def resolve_last_change(root, info):
        return root.updated_at

    @staticmethod
    def resolve_user(root, info):
        return root.user

    @staticmethod
    def resolve_channel(root, info):
        return THE_CHANNEL

    @staticmethod
    def resolve_billing_address(root, info):
        return checkout_address(root)

    @staticmethod
    def resolve_shipping_address(root, info):
        return checkout_address(root)

    @staticmethod
    def resolve_customer_note(root, info):
        return ""

    @staticmethod
    def resolve_available_shipping_methods(root, info):
        return [summary_of(root)] if root.has_shipping_address else []

    resolve_shipping_methods = resolve_available_shipping_methods

    @staticmethod
    def resolve_available_payment_gateways(root, info):
        return payment_gateways()

    @staticmethod
    def resolve_email(root, info):
        return root.email or None

    @staticmethod
    def resolve_is_shipping_required(root, info):
        return True

    @staticmethod
    def resolve_quantity(root, info):
        summary = summary_of(root)
        return sum(line.quantity for line in summary.lines + summary.unavailable_lines)

    @staticmethod
    def resolve_lines(root, info):
        summary = summary_of(root)
        lines = summary.lines + summary.unavailable_lines
        loader = ProductVariantByIdLoader(info.context)
        for line in lines:
            loader.prime(line.variant.pk, line.variant)
        return sorted(lines, key=lambda line: line.line.pk)

    @staticmethod
    def resolve_shipping_price(root, info):
        return taxed(summary_of(root).shipping_total)

    @staticmethod
    def resolve_shipping_method(root, info):
        return summary_of(root) if root.has_shipping_address else None

    resolve_delivery_method = resolve_shipping_method

    @staticmethod
    def resolve_subtotal_price(root, info):
        return taxed(summary_of(root).subtotal)

    @staticmethod
    def resolve_total_price(root, info):
        return taxed(summary_of(root).total)

    @staticmethod
    def resolve_total_balance(root, info):
        return money(-summary_of(root).total)

    @staticmethod
    def resolve_language_code(root, info):
        return root.language.upper()

    @staticmethod
    def resolve_display_gross_prices(root, info):
        return True

    @staticmethod
    def resolve_tax_exemption(root, info):
        return False

    @staticmethod
    def resolve_authorize_status(root, info):
        return CheckoutAuthorizeStatusEnum.NONE

    @staticmethod
    def resolve_charge_status(root, info):
        return CheckoutChargeStatusEnum.NONE

    @staticmethod
    def resolve_shipments(root, info):
        return summary_of(root).shipments

    @staticmethod
    def resolve_metadata(root, info):
        return []


def checkout_global_id(checkout: CheckoutModel) -> str:
    return to_global_id("Checkout", str(checkout.token))
