"""Orders, their lines, and one fulfilment per producing group (Saleor's names and states)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ProductVariant, Stock
from marketplace.groups.models import UppksGroup
from marketplace.regions.models import District, Province, Regency


class OrderStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for payment")
    UNFULFILLED = "unfulfilled", _("Paid, being prepared")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Partly delivered")
    FULFILLED = "fulfilled", _("Delivered")
    CANCELED = "canceled", _("Canceled")


class OrderChargeStatus(models.TextChoices):
    NOT_CHARGED = "not_charged", _("Not paid")
    PARTIALLY_CHARGED = "partially_charged", _("Partly paid")
    FULLY_CHARGED = "fully_charged", _("Paid")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partly refunded")
    FULLY_REFUNDED = "fully_refunded", _("Refunded")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CARD = "card", _("Card")
    QRIS = "qris", _("QRIS")
    VIRTUAL_ACCOUNT = "virtual_account", _("Virtual account")
    EWALLET = "ewallet", _("E-wallet (GoPay, ShopeePay)")
    CSTORE = "cstore", _("Convenience store (Indomaret, Alfamart)")
    COD = "cod", _("Cash on delivery")


class FulfillmentStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    PACKED = "packed", _("Packed")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    REJECTED = "rejected", _("Rejected")
    CANCELED = "canceled", _("Canceled")


class RoutingReason(models.TextChoices):
    OWN_GROUP = "own_group", _("The producing group has stock")
    SAME_REGENCY = "same_regency", _("A group in the delivery regency / city has stock")
    SAME_PROVINCE = "same_province", _("A group in the delivery province has stock")
    OTHER_PROVINCE = "other_province", _("A group in another province has stock")


ACTIVE_FULFILLMENT_STATUSES = (
    FulfillmentStatus.NEW,
    FulfillmentStatus.ACCEPTED,
    FulfillmentStatus.PACKED,
    FulfillmentStatus.SHIPPED,
)


class Order(models.Model):
    """A customer's order: totals in whole rupiah and a snapshot of the delivery address."""

    number = models.PositiveBigIntegerField(_("order number"), unique=True)
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        verbose_name=_("customer account"),
    )
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=8, default="id")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.UNCONFIRMED,
        db_index=True,
    )
    charge_status = models.CharField(
        _("payment status"),
        max_length=20,
        choices=OrderChargeStatus.choices,
        default=OrderChargeStatus.NOT_CHARGED,
    )
    payment_method = models.CharField(
        _("payment method"),
        max_length=20,
        choices=PaymentMethod.choices,
        default=PaymentMethod.BANK_TRANSFER,
    )
    subtotal = models.PositiveBigIntegerField(_("subtotal (Rp)"), default=0)
    shipping_total = models.PositiveBigIntegerField(_("shipping (Rp)"), default=0)
    total = models.PositiveBigIntegerField(_("total (Rp)"), default=0)
    total_charged = models.PositiveBigIntegerField(_("paid (Rp)"), default=0)
    total_refunded = models.PositiveBigIntegerField(_("refunded (Rp)"), default=0)

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    shipping_phone = models.CharField(_("recipient phone"), max_length=20, blank=True)
    street_address_1 = models.CharField(_("street, RT/RW"), max_length=255)
    street_address_2 = models.CharField(_("address details"), max_length=255, blank=True)
    village = models.CharField(_("village (desa / kelurahan)"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5)
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district (kecamatan)"),
    )
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, related_name="+", verbose_name=_("regency / city")
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )

    cancel_reason = models.TextField(_("reason for canceling"), blank=True)
    expires_at = models.DateTimeField(_("expires if unpaid"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    canceled_at = models.DateTimeField(_("canceled"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [
            models.Index(
                fields=["expires_at"],
                name="order_unpaid_expiry",
                condition=Q(status="unconfirmed"),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def amount_due(self) -> int:
        return max(self.total - self.total_charged, 0)

    @property
    def is_charged(self) -> bool:
        return self.total_charged > 0

    def can_confirm_payment(self) -> bool:
        return self.status == OrderStatus.UNCONFIRMED

    def can_cancel(self) -> bool:
        if self.status == OrderStatus.UNCONFIRMED:
            return True
        if self.status != OrderStatus.UNFULFILLED:
            return False
        return not self.fulfillments.filter(
            status__in=[FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERED]
        ).exists()


class OrderLine(models.Model):
    """One variant bought, routed to one group; names and prices are frozen at purchase."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order")
    )
    variant = models.ForeignKey(
        ProductVariant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
        verbose_name=_("variant"),
    )
    product_name = models.CharField(_("product"), max_length=200)
    variant_name = models.CharField(_("variant"), max_length=200, blank=True)
    sku = models.CharField(_("SKU"), max_length=64)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.PositiveBigIntegerField(_("unit price (Rp)"))
    total_price = models.PositiveBigIntegerField(_("total (Rp)"))
    weight_g = models.PositiveIntegerField(_("unit weight (grams)"), default=0)
    group = models.ForeignKey(
        UppksGroup,
        on_delete=models.PROTECT,
        related_name="order_lines",
        verbose_name=_("routed to group"),
    )
    routing_reason = models.CharField(
        _("routing reason"), max_length=20, choices=RoutingReason.choices
    )
    commission_percent = models.DecimalField(_("commission (%)"), max_digits=5, decimal_places=2)
    is_canceled = models.BooleanField(_("canceled"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="order_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"


class FulfillmentQuerySet(models.QuerySet):
    def for_group(self, group):
        return self.filter(group=group)

    def waiting(self):
        """Paid and not yet accepted by the group."""
        return self.filter(status=FulfillmentStatus.NEW, order__status=OrderStatus.UNFULFILLED)


class Fulfillment(models.Model):
    """One group's shipment of an order: the group accepts, packs, ships; or rejects."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="fulfillments", verbose_name=_("order")
    )
    group = models.ForeignKey(
        UppksGroup,
        on_delete=models.PROTECT,
        related_name="fulfillments",
        verbose_name=_("group"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=FulfillmentStatus.choices,
        default=FulfillmentStatus.NEW,
        db_index=True,
    )
    shipping_price = models.PositiveBigIntegerField(_("shipping (Rp)"), default=0)
    weight_g = models.PositiveIntegerField(_("weight (grams)"), default=0)
    courier = models.CharField(_("courier"), max_length=60, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    accept_deadline = models.DateTimeField(_("accept before"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    packed_at = models.DateTimeField(_("packed"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("rejected"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FulfillmentQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("fulfillment")
        verbose_name_plural = _("fulfillments")
        constraints = [
            models.UniqueConstraint(fields=["order", "group"], name="one_fulfillment_per_group"),
        ]
        indexes = [models.Index(fields=["group", "status"], name="fulfillment_group_status")]

    def __str__(self) -> str:
        return f"#{self.order.number}-{self.group.code}"

    @property
    def composed_id(self) -> str:
        return f"{self.order.number}-{self.pk}"

    def can_accept(self) -> bool:
        return self.status == FulfillmentStatus.NEW

    def can_reject(self) -> bool:
        return self.status in (FulfillmentStatus.NEW, FulfillmentStatus.ACCEPTED)

    def can_pack(self) -> bool:
        return self.status == FulfillmentStatus.ACCEPTED

    def can_ship(self) -> bool:
        return self.status == FulfillmentStatus.PACKED

    def can_deliver(self) -> bool:
        return self.status == FulfillmentStatus.SHIPPED

    @property
    def lines_total(self) -> int:
        return sum(line.quantity * line.order_line.unit_price for line in self.lines.all())


class FulfillmentLine(models.Model):
    """How many of an order line this fulfilment ships, and from which stock row."""

    fulfillment = models.ForeignKey(
        Fulfillment, on_delete=models.CASCADE, related_name="lines", verbose_name=_("fulfillment")
    )
    order_line = models.ForeignKey(
        OrderLine,
        on_delete=models.CASCADE,
        related_name="fulfillment_lines",
        verbose_name=_("order line"),
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    stock = models.ForeignKey(
        Stock,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fulfillment_lines",
        verbose_name=_("stock"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("fulfillment line")
        verbose_name_plural = _("fulfillment lines")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line.product_name}"
