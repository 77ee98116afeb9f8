"""Orders and their per-group fulfilments, in Saleor's shape."""

import graphene

from marketplace.orders.models import FulfillmentStatus as GroupStatus
from marketplace.orders.models import OrderChargeStatus

from ..account.types import User
from ..core.dataloaders import then
from ..core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from ..core.ids import to_global_id
from ..core.permissions import current_user, member_group_ids
from ..core.types import (
    CountableConnection,
    Image,
    MetadataItem,
    Money,
    TaxedMoney,
    Weight,
    grams,
    money,
    taxed,
)
from ..group.types import Address, UppksGroup, Warehouse
from ..payment.dataloaders import TransactionsByOrderIdLoader
from ..payment.types import TransactionItem
from ..product.dataloaders import (
    MediaByProductIdLoader,
    ProductVariantByIdLoader,
    UppksGroupByIdLoader,
)
from ..product.images import DEFAULT_THUMBNAIL_SIZE, image_of
from ..product.types import ProductVariantNode
from ..shop.types import THE_CHANNEL, Channel
from .dataloaders import (
    FulfillmentLinesByFulfillmentIdLoader,
    FulfillmentsByOrderIdLoader,
    OrderByIdLoader,
    OrderLineByIdLoader,
    OrderLinesByOrderIdLoader,
)
from .discounts import DeliveryMethod, OrderDiscount, Voucher, order_delivery_plan


class OrderStatusEnum(graphene.Enum):
    DRAFT = "draft"
    UNCONFIRMED = "unconfirmed"
    UNFULFILLED = "unfulfilled"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    PARTIALLY_RETURNED = "partially_returned"
    RETURNED = "returned"
    FULFILLED = "fulfilled"
    CANCELED = "canceled"
    EXPIRED = "expired"

    class Meta:
        name = "OrderStatus"


class OrderChargeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    OVERCHARGED = "overcharged"


class PaymentChargeStatusEnum(graphene.Enum):
    NOT_CHARGED = "not-charged"
    PENDING = "pending"
    PARTIALLY_CHARGED = "partially-charged"
    FULLY_CHARGED = "fully-charged"
    PARTIALLY_REFUNDED = "partially-refunded"
    FULLY_REFUNDED = "fully-refunded"
    REFUSED = "refused"
    CANCELLED = "cancelled"


class OrderAuthorizeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class FulfillmentStatusEnum(graphene.Enum):
    FULFILLED = "fulfilled"
    REFUNDED = "refunded"
    RETURNED = "returned"
    REPLACED = "replaced"
    REFUNDED_AND_RETURNED = "refunded_and_returned"
    CANCELED = "canceled"
    WAITING_FOR_APPROVAL = "waiting_for_approval"

    class Meta:
        name = "FulfillmentStatus"


class GroupFulfillmentStatus(graphene.Enum):
    """A group's own steps: new → accepted → packed → shipped → delivered (or rejected)."""

    NEW = "new"
    ACCEPTED = "accepted"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    REJECTED = "rejected"
    CANCELED = "canceled"


SALEOR_FULFILLMENT_STATUS = {
    GroupStatus.NEW: FulfillmentStatusEnum.WAITING_FOR_APPROVAL,
    GroupStatus.ACCEPTED: FulfillmentStatusEnum.WAITING_FOR_APPROVAL,
    GroupStatus.PACKED: FulfillmentStatusEnum.WAITING_FOR_APPROVAL,
    GroupStatus.SHIPPED: FulfillmentStatusEnum.FULFILLED,
    GroupStatus.DELIVERED: FulfillmentStatusEnum.FULFILLED,
    GroupStatus.REJECTED: FulfillmentStatusEnum.CANCELED,
    GroupStatus.CANCELED: FulfillmentStatusEnum.CANCELED,
}

PAYMENT_STATUS = {
    OrderChargeStatus.NOT_CHARGED: PaymentChargeStatusEnum.NOT_CHARGED,
    OrderChargeStatus.PARTIALLY_CHARGED: PaymentChargeStatusEnum.PARTIALLY_CHARGED,
    OrderChargeStatus.FULLY_CHARGED: PaymentChargeStatusEnum.FULLY_CHARGED,
    OrderChargeStatus.PARTIALLY_REFUNDED: PaymentChargeStatusEnum.PARTIALLY_REFUNDED,
    OrderChargeStatus.FULLY_REFUNDED: PaymentChargeStatusEnum.FULLY_REFUNDED,
}


def order_address(order) -> dict:
    """The order's delivery address snapshot, Indonesian fields in Saleor's places."""
    return {
        "id": f"order-{order.pk}",
        "first_name": order.first_name,
        "last_name": order.last_name,
        "company_name": "",
        "street_address_1": order.street_address_1,
        "street_address_2": " ".join(p for p in (order.street_address_2, order.village) if p),
        "city": order.regency.name,
        "city_area": order.district.name if order.district_id else "",
        "postal_code": order.postal_code,
        "country_area": order.province.name,
        "phone": order.shipping_phone or order.phone or None,
    }


def obfuscate_email(email: str) -> str:
    """``p***@example.id``: enough for the buyer to recognise, useless to a stranger."""
    local, _, domain = (email or "").partition("@")
    return f"{local[:1]}***@{domain}" if domain else ""


def guest_address(order) -> dict:
    """The delivery address as a token holder sees it: region and postal code, no street."""
    address = order_address(order)
    hidden = {"first_name": order.first_name[:1] + "…", "last_name": ""}
    hidden |= {"street_address_1": "", "street_address_2": "", "phone": None}
    return {**address, **hidden}


def can_see_order(info, order) -> bool:
    """The buyer (by account) and staff in scope; guests reach orders by token only."""
    user = current_user(info)
    if user is None:
        return False
    if order.user_id == user.pk:
        return True
    if user.is_staff:
        scope = user.scoped_province_code
        return scope is None or order.province_id == scope
    return False


class OrderLine(graphene.ObjectType):
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    product_sku = graphene.String()
    product_variant_id = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    quantity_to_fulfill = graphene.Int(required=True)
    tax_rate = graphene.Float(required=True)
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
    )
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(TaxedMoney, required=True)
    unit_discount = graphene.Field(Money, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(TaxedMoney, required=True)
    variant = graphene.Field(ProductVariantNode)
    translated_product_name = graphene.String(required=True)
    translated_variant_name = graphene.String(required=True)
    is_gift = graphene.Boolean()
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    uppks_group = graphene.Field(UppksGroup, description="The group the line was routed to.")

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_product_sku(root, info):
        return root.sku

    @staticmethod
    def resolve_product_variant_id(root, info):
        return to_global_id("ProductVariant", root.variant_id) if root.variant_id else None

    @staticmethod
    def resolve_is_shipping_required(root, info):
        return True

    @staticmethod
    def resolve_quantity_fulfilled(root, info):
        return 0

    @staticmethod
    def resolve_quantity_to_fulfill(root, info):
        return 0 if root.is_canceled else root.quantity

    @staticmethod
    def resolve_tax_rate(root, info):
        return 0.0

    @staticmethod
    def resolve_thumbnail(root, info, size=None, format=None):
        if not root.variant_id:
            return None

        def first_image(variant):
            if variant is None:
                return None
            return then(
                MediaByProductIdLoader(info.context).load(variant.product_id),
                lambda media: image_of(
                    info,
                    media[0] if media else None,
                    size=size or DEFAULT_THUMBNAIL_SIZE,
                    fmt=format,
                ),
            )

        return then(ProductVariantByIdLoader(info.context).load(root.variant_id), first_image)

    @staticmethod
    def resolve_unit_price(root, info):
        return taxed(root.unit_price)

    @staticmethod
    def resolve_undiscounted_unit_price(root, info):
        return taxed(root.unit_price)

    @staticmethod
    def resolve_unit_discount(root, info):
        return money(0)

    @staticmethod
    def resolve_total_price(root, info):
        return taxed(root.total_price)

    @staticmethod
    def resolve_undiscounted_total_price(root, info):
        return taxed(root.total_price)

    @staticmethod
    def resolve_variant(root, info):
        if not root.variant_id:
            return None
        return ProductVariantByIdLoader(info.context).load(root.variant_id)

    @staticmethod
    def resolve_translated_product_name(root, info):
        return root.product_name

    @staticmethod
    def resolve_translated_variant_name(root, info):
        return root.variant_name

    @staticmethod
    def resolve_is_gift(root, info):
        return False

    @staticmethod
    def resolve_metadata(root, info):
        return []

    @staticmethod
    def resolve_uppks_group(root, info):
        return UppksGroupByIdLoader(info.context).load(root.group_id)


class FulfillmentLine(graphene.ObjectType):
    quantity = graphene.Int(required=True)
    order_line = graphene.Field(OrderLine)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_order_line(root, info):
        return OrderLineByIdLoader(info.context).load(root.order_line_id)


class Fulfillment(graphene.ObjectType):
    fulfillment_order = graphene.Int(required=True)
    status = FulfillmentStatusEnum(required=True)
    group_status = GroupFulfillmentStatus(
        required=True, description="The group's own step (new, accepted, packed, shipped…)."
    )
    tracking_number = graphene.String(required=True)
    courier = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(FulfillmentLine))
    status_display = graphene.String()
    warehouse = graphene.Field(Warehouse)
    uppks_group = graphene.Field(UppksGroup, required=True)
    shipping_price = graphene.Field(Money, required=True)
    weight = graphene.Field(Weight)
    rejection_reason = graphene.String()
    accept_deadline = graphene.DateTime()
    accepted_at = graphene.DateTime()
    shipped_at = graphene.DateTime()
    delivered_at = graphene.DateTime()
    order_number = graphene.String(required=True)
    shipping_address = graphene.Field(Address, description="Where the group sends the parcel.")
    order = graphene.Field(lambda: Order, description="The whole order (buyer and staff only).")
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "One group's part of an order: its lines, parcel and progress."

    @staticmethod
    def resolve_fulfillment_order(root, info):
        return root.pk

    @staticmethod
    def resolve_status(root, info):
        return SALEOR_FULFILLMENT_STATUS[root.status]

    @staticmethod
    def resolve_group_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_created(root, info):
        return root.created_at

    @staticmethod
    def resolve_lines(root, info):
        return FulfillmentLinesByFulfillmentIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_status_display(root, info):
        return root.get_status_display()

    @staticmethod
    def resolve_warehouse(root, info):
        return UppksGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_uppks_group(root, info):
        return UppksGroupByIdLoader(info.context).load(root.group_id)

    @staticmethod
    def resolve_shipping_price(root, info):
        return money(root.shipping_price)

    @staticmethod
    def resolve_weight(root, info):
        return grams(root.weight_g)

    @staticmethod
    def resolve_rejection_reason(root, info):
        return root.rejection_reason or None

    @staticmethod
    def resolve_order_number(root, info):
        return then(OrderByIdLoader(info.context).load(root.order_id), lambda o: str(o.number))

    @staticmethod
    def resolve_shipping_address(root, info):
        """In full for the group that ships it (and the buyer, staff); else region only."""
        in_group = root.group_id in member_group_ids(info)

        def address(order):
            full = in_group or can_see_order(info, order)
            return order_address(order) if full else guest_address(order)

        return then(OrderByIdLoader(info.context).load(root.order_id), address)

    @staticmethod
    def resolve_order(root, info):
        return then(
            OrderByIdLoader(info.context).load(root.order_id),
            lambda order: order if can_see_order(info, order) else None,
        )

    @staticmethod
    def resolve_metadata(root, info):
        return []


class Order(graphene.ObjectType):
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    status = OrderStatusEnum(required=True)
    status_display = graphene.String(required=True)
    user = graphene.Field(User)
    user_email = graphene.String()
    billing_address = graphene.Field(Address)
    shipping_address = graphene.Field(Address)
    shipping_method_name = graphene.String()
    fulfillments = graphene.NonNull(graphene.List(graphene.NonNull(Fulfillment)))
    lines = graphene.NonNull(graphene.List(graphene.NonNull(OrderLine)))
    number = graphene.String(required=True)
    token = graphene.String(required=True)
    origin = graphene.String(required=True)
    is_paid = graphene.Boolean(required=True)
    payment_status = PaymentChargeStatusEnum(required=True)
    payment_status_display = graphene.String(required=True)
    authorize_status = OrderAuthorizeStatusEnum(required=True)
    charge_status = OrderChargeStatusEnum(required=True)
    total = graphene.Field(TaxedMoney, required=True)
    undiscounted_total = graphene.Field(TaxedMoney, required=True)
    subtotal = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_shipping_price = graphene.Field(Money, required=True)
    total_charged = graphene.Field(Money, required=True)
    total_refunded = graphene.Field(Money, required=True)
    total_balance = graphene.Field(Money, required=True)
    customer_note = graphene.String(required=True)
    weight = graphene.Field(Weight, required=True)
    voucher_code = graphene.String()
    language_code = graphene.String(required=True)
    language_code_enum = LanguageCodeEnum(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    display_gross_prices = graphene.Boolean(required=True)
    can_finalize = graphene.Boolean(required=True)
    payment_method = graphene.String(description="bank_transfer or card.")
    expires_at = graphene.DateTime(description="An unpaid order is canceled after this time.")
    paid_at = graphene.DateTime()
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    channel = graphene.Field(Channel, required=True)
    discounts = graphene.NonNull(graphene.List(graphene.NonNull(OrderDiscount)))
    voucher = graphene.Field(Voucher)
    delivery_method = graphene.Field(
        DeliveryMethod,
        description="The per-group delivery the order charged; `metadata.shipments` splits it.",
    )
    total_captured = graphene.Field(Money, required=True)
    transactions = graphene.NonNull(
        graphene.List(graphene.NonNull(TransactionItem)),
        description="Payment attempts; a bank transfer's carries the exact amount and account.",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "An order: lines routed to groups, one fulfilment per group."

    @staticmethod
    def resolve_id(root, info):
        return str(root.token)

    @staticmethod
    def resolve_created(root, info):
        return root.created_at

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_status_display(root, info):
        return root.get_status_display()

    @staticmethod
    def resolve_user(root, info):
        user = current_user(info)
        if user is not None and (user.pk == root.user_id or user.is_staff):
            return root.user
        return None

    @staticmethod
    def resolve_user_email(root, info):
        return root.email if can_see_order(info, root) else obfuscate_email(root.email)

    @staticmethod
    def resolve_billing_address(root, info):
        return order_address(root) if can_see_order(info, root) else guest_address(root)

    @staticmethod
    def resolve_shipping_address(root, info):
        return order_address(root) if can_see_order(info, root) else guest_address(root)

    @staticmethod
    def resolve_shipping_method_name(root, info):
        return then(order_delivery_plan(info, root), lambda plan: plan.name)

    @staticmethod
    def resolve_channel(root, info):
        return THE_CHANNEL

    @staticmethod
    def resolve_discounts(root, info):
        return []

    @staticmethod
    def resolve_voucher(root, info):
        return None

    @staticmethod
    def resolve_delivery_method(root, info):
        return order_delivery_plan(info, root)

    @staticmethod
    def resolve_total_captured(root, info):
        return money(root.total_charged)

    @staticmethod
    def resolve_transactions(root, info):
        return TransactionsByOrderIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_fulfillments(root, info):
        return FulfillmentsByOrderIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_lines(root, info):
        return OrderLinesByOrderIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_number(root, info):
        return str(root.number)

    @staticmethod
    def resolve_token(root, info):
        return str(root.token)

    @staticmethod
    def resolve_origin(root, info):
        return "CHECKOUT"

    @staticmethod
    def resolve_is_paid(root, info):
        return root.charge_status in (
            OrderChargeStatus.FULLY_CHARGED,
            OrderChargeStatus.PARTIALLY_REFUNDED,
            OrderChargeStatus.FULLY_REFUNDED,
        )

    @staticmethod
    def resolve_payment_status(root, info):
        return PAYMENT_STATUS[root.charge_status]

    @staticmethod
    def resolve_payment_status_display(root, info):
        return root.get_charge_status_display()

    @staticmethod
    def resolve_authorize_status(root, info):
        return OrderAuthorizeStatusEnum.NONE

    @staticmethod
    def resolve_charge_status(root, info):
        if root.total_charged <= 0:
            return OrderChargeStatusEnum.NONE
        if root.total_charged < root.total:
            return OrderChargeStatusEnum.PARTIAL
        if root.total_charged > root.total:
            return OrderChargeStatusEnum.OVERCHARGED
        return OrderChargeStatusEnum.FULL

    @staticmethod
    def resolve_total(root, info):
        return taxed(root.total)

    @staticmethod
    def resolve_undiscounted_total(root, info):
        return taxed(root.total)

    @staticmethod
    def resolve_subtotal(root, info):
        return taxed(root.subtotal)

    @staticmethod
    def resolve_shipping_price(root, info):
        return taxed(root.shipping_total)

    @staticmethod
    def resolve_undiscounted_shipping_price(root, info):
        return money(root.shipping_total)

    @staticmethod
    def resolve_total_charged(root, info):
        return money(root.total_charged)

    @staticmethod
    def resolve_total_refunded(root, info):
        return money(root.total_refunded)

    @staticmethod
    def resolve_total_balance(root, info):
        return money(root.total_charged - root.total)

    @staticmethod
    def resolve_customer_note(root, info):
        return ""

    @staticmethod
    def resolve_weight(root, info):
        return then(
            OrderLinesByOrderIdLoader(info.context).load(root.pk),
            lambda lines: grams(sum(line.weight_g * line.quantity for line in lines)),
        )

    @staticmethod
    def resolve_language_code(root, info):
        return root.language

    @staticmethod
    def resolve_language_code_enum(root, info):
        return root.language.upper()

    @staticmethod
    def resolve_is_shipping_required(root, info):
        return True

    @staticmethod
    def resolve_display_gross_prices(root, info):
        return True

    @staticmethod
    def resolve_can_finalize(root, info):
        return False

    @staticmethod
    def resolve_metadata(root, info):
        return []


class OrderCountableConnection(CountableConnection):
    class Meta:
        node = Order
        strict_types = True


class FulfillmentCountableConnection(CountableConnection):
    class Meta:
        node = Fulfillment
        strict_types = True
