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
from ..payment.gateways import checkout_payment_gateways
from ..product.dataloaders import ProductVariantByIdLoader
from ..product.types import ObjectWithMetadata, ProductVariantNode
from ..shop.types import THE_CHANNEL, Channel, PaymentGateway
from .couriers import CourierRate
from .delivery import Delivery, DeliveryPlan, ShippingMethod, plan_of_summary


def metadata_items(values: dict | None) -> list[dict]:
    return [{"key": key, "value": value} for key, value in sorted((values or {}).items())]


def summary_of(checkout: CheckoutModel) -> CheckoutSummary:
    """Routed per-group shipments, computed once per checkout per request."""
    cached = getattr(checkout, "_api_summary", None)
    if cached is None:
        cached = checkout_summary(checkout)
        checkout._api_summary = cached
    return cached


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
    courier_options = graphene.NonNull(
        graphene.List(graphene.NonNull(CourierRate)),
        description="Courier services for this parcel, cheapest first (empty before the address).",
    )
    courier = graphene.Field(CourierRate, description="The service charged: the pick, or cheapest.")
    shipping_note = graphene.String(
        description="Why only the marketplace's own rate is offered (courier rates unavailable)."
    )

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


class GiftCard(graphene.ObjectType):
    display_code = graphene.String(required=True)
    last4_code_chars = graphene.String(required=True)
    code = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    is_active = graphene.Boolean(required=True)
    initial_balance = graphene.Field(Money, required=True)
    current_balance = graphene.Field(Money, required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "Gift cards are not sold here: `Checkout.giftCards` is always empty."


class CheckoutProblemDeliveryMethodStale(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True)


class CheckoutProblemDeliveryMethodInvalid(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True)


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int()
    line = graphene.Field(CheckoutLine, required=True)
    variant = graphene.Field(ProductVariantNode, required=True)

    @staticmethod
    def resolve_line(root, info):
        return root

    @staticmethod
    def resolve_variant(root, info):
        return root.variant

    @staticmethod
    def resolve_available_quantity(root, info):
        return None


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field(CheckoutLine, required=True)


class CheckoutProblem(graphene.Union):
    class Meta:
        types = (
            CheckoutProblemDeliveryMethodStale,
            CheckoutProblemDeliveryMethodInvalid,
            CheckoutLineProblemInsufficientStock,
            CheckoutLineProblemVariantNotAvailable,
        )


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
    translated_discount_name = graphene.String()
    voucher_code = graphene.String()
    gift_cards = graphene.NonNull(graphene.List(graphene.NonNull(GiftCard)))
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
    delivery = graphene.Field(
        Delivery, description="The per-group delivery, once the delivery address is set."
    )
    problems = graphene.List(
        graphene.NonNull(CheckoutProblem),
        description="Lines no group can ship in full (insufficient stock).",
    )
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

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "A cart: lines, contact and delivery address, priced per group shipment."

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, CheckoutModel)

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
    def resolve_gift_cards(root, info):
        return []

    @staticmethod
    def resolve_available_shipping_methods(root, info):
        plan = delivery_plan(root)
        return [plan] if plan else []

    @staticmethod
    def resolve_delivery(root, info):
        return delivery_plan(root)

    @staticmethod
    def resolve_problems(root, info):
        return summary_of(root).unavailable_lines

    resolve_shipping_methods = resolve_available_shipping_methods

    @staticmethod
    def resolve_available_payment_gateways(root, info):
        return checkout_payment_gateways()

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
        return delivery_plan(root)

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
        return metadata_items(root.metadata)

    @staticmethod
    def resolve_metafield(root, info, key):
        return (root.metadata or {}).get(key)


def delivery_plan(checkout: CheckoutModel) -> DeliveryPlan | None:
    """The one delivery method, priced per group; none before the delivery address is set."""
    if not checkout.has_shipping_address:
        return None
    return plan_of_summary(summary_of(checkout))


def checkout_global_id(checkout: CheckoutModel) -> str:
    return to_global_id("Checkout", str(checkout.token))
