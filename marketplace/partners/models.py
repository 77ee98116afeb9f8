"""Partner accounts (mitra who buy wholesale) and the groups' wholesale offers.

The organisation itself stays ``groups.Partner`` (partnerships and the reports count it); a
``PartnerAccount`` is what lets it buy on the marketplace: address to kecamatan, NPWP, approval,
credit limit and the users who act for it.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AccountStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class AccountSource(models.TextChoices):
    STOREFRONT = "storefront", _("Registered on the storefront")
    STAFF = "staff", _("Invited by staff")


class PartnerAccount(models.Model):
    partner = models.OneToOneField(
        "groups.Partner",
        on_delete=models.CASCADE,
        related_name="account",
        verbose_name=_("partner"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AccountStatus.choices, default=AccountStatus.PENDING
    )
    source = models.CharField(_("source"), max_length=10, choices=AccountSource.choices)
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True)
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district (kecamatan)"),
    )
    address = models.TextField(_("address"))
    looking_for = models.ManyToManyField(
        "catalog.Category", blank=True, related_name="+", verbose_name=_("looking for")
    )
    credit_limit = models.PositiveBigIntegerField(_("credit limit (Rp)"), default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("partner account")
        verbose_name_plural = _("partner accounts")

    def __str__(self) -> str:
        return str(self.partner)

    @property
    def is_approved(self) -> bool:
        return self.status == AccountStatus.APPROVED

    @property
    def province_code(self) -> str:
        return self.district.regency.province_id


class PartnerRole(models.TextChoices):
    ADMIN = "admin", _("Administrator (buys, pays and manages users)")
    BUYER = "buyer", _("Buyer")
    FINANCE = "finance", _("Finance")


class PartnerUser(models.Model):
    """A person acting for a partner; one user acts for at most one partner."""

    account = models.ForeignKey(
        PartnerAccount, on_delete=models.CASCADE, related_name="users", verbose_name=_("partner")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_membership",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=PartnerRole.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("partner user")
        verbose_name_plural = _("partner users")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.account})"

    @property
    def can_buy(self) -> bool:
        return self.role in (PartnerRole.ADMIN, PartnerRole.BUYER)

    @property
    def can_pay(self) -> bool:
        return self.role in (PartnerRole.ADMIN, PartnerRole.FINANCE)


class PartnerContact(models.Model):
    """A contact person at the partner (need not have an account)."""

    account = models.ForeignKey(
        PartnerAccount,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("partner"),
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return self.name


class WholesaleOffer(models.Model):
    """A group's wholesale terms for one variant: MOQ, lead time, monthly capacity and tiers."""

    variant = models.OneToOneField(
        "catalog.ProductVariant",
        on_delete=models.CASCADE,
        related_name="wholesale_offer",
        verbose_name=_("variant"),
    )
    min_order_quantity = models.PositiveIntegerField(
        _("minimum order quantity"), validators=[MinValueValidator(1)]
    )
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"))
    monthly_capacity = models.PositiveIntegerField(
        _("monthly capacity"), validators=[MinValueValidator(1)]
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("wholesale offer")
        verbose_name_plural = _("wholesale offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_order_quantity__gt=0)
                & Q(monthly_capacity__gte=models.F("min_order_quantity")),
                name="wholesale_moq_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.variant} (MOQ {self.min_order_quantity})"


class WholesaleTier(models.Model):
    """From ``min_quantity`` units on, a unit costs ``unit_price``; prices fall as tiers rise."""

    offer = models.ForeignKey(
        WholesaleOffer, on_delete=models.CASCADE, related_name="tiers", verbose_name=_("offer")
    )
    min_quantity = models.PositiveIntegerField(
        _("from quantity"), validators=[MinValueValidator(1)]
    )
    unit_price = models.PositiveIntegerField(
        _("unit price (Rp)"), validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["offer_id", "min_quantity"]
        verbose_name = _("price tier")
        verbose_name_plural = _("price tiers")
        constraints = [
            models.UniqueConstraint(fields=["offer", "min_quantity"], name="unique_wholesale_tier"),
            models.CheckConstraint(
                condition=Q(unit_price__gt=0), name="wholesale_tier_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.min_quantity}+ @ {self.unit_price}"


class PaymentTerms(models.TextChoices):
    PAY_NOW = "now", _("Pay now")
    NET_7 = "net7", _("Invoice, net 7 days")
    NET_14 = "net14", _("Invoice, net 14 days")
    NET_30 = "net30", _("Invoice, net 30 days")


TERM_DAYS = {PaymentTerms.NET_7: 7, PaymentTerms.NET_14: 14, PaymentTerms.NET_30: 30}


class PurchaseOrder(models.Model):
    """A partner's wholesale order across groups (lines at tier prices), on terms.

    Routing to the groups' fulfilments, deliveries, invoices and the ledger come later (issue 18,
    step 3); today the PO records what was agreed and is what the credit limit counts.
    """

    account = models.ForeignKey(
        PartnerAccount,
        on_delete=models.PROTECT,
        related_name="purchase_orders",
        verbose_name=_("partner"),
    )
    number = models.CharField(_("number"), max_length=20, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    terms = models.CharField(_("payment terms"), max_length=6, choices=PaymentTerms.choices)
    total = models.PositiveBigIntegerField(_("total (Rp)"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("purchase order")
        verbose_name_plural = _("purchase orders")

    def __str__(self) -> str:
        return self.number

    @property
    def on_credit(self) -> bool:
        return self.terms != PaymentTerms.PAY_NOW


class PurchaseOrderLine(models.Model):
    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.CASCADE, related_name="lines", verbose_name=_("PO")
    )
    group = models.ForeignKey(
        "groups.UppksGroup", on_delete=models.PROTECT, related_name="+", verbose_name=_("group")
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("variant"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    unit_price = models.PositiveIntegerField(_("unit price (Rp)"))
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("PO line")
        verbose_name_plural = _("PO lines")

    def __str__(self) -> str:
        return f"{self.variant_id} × {self.quantity}"

    @property
    def total(self) -> int:
        return self.quantity * self.unit_price


class PurchaseOrderShipment(models.Model):
    """One delivery by one group of part or all of its lines of a PO; it has a surat jalan."""

    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.CASCADE, related_name="shipments", verbose_name=_("PO")
    )
    group = models.ForeignKey(
        "groups.UppksGroup", on_delete=models.PROTECT, related_name="+", verbose_name=_("group")
    )
    number = models.CharField(_("delivery note number"), max_length=30, unique=True)
    shipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("PO shipment")
        verbose_name_plural = _("PO shipments")

    def __str__(self) -> str:
        return self.number


class PurchaseOrderShipmentLine(models.Model):
    shipment = models.ForeignKey(
        PurchaseOrderShipment,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("shipment"),
    )
    line = models.ForeignKey(
        PurchaseOrderLine,
        on_delete=models.PROTECT,
        related_name="shipment_lines",
        verbose_name=_("PO line"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("shipped line")
        verbose_name_plural = _("shipped lines")

    def __str__(self) -> str:
        return f"{self.line_id} × {self.quantity}"


class PartnershipAgreement(models.Model):
    """An agreement staff enter for a partnership: period, agreed volume and price."""

    partnership = models.ForeignKey(
        "groups.Partnership",
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("partnership"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    volume = models.CharField(_("agreed volume"), max_length=200)
    price = models.CharField(_("agreed price"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="agreement_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} ({self.starts_on} – {self.ends_on})"


class GroupOrderStatus(models.TextChoices):
    """A group's part of a PO, in the consumer ``Fulfillment``'s words (new → accepted → …)."""

    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    SHIPPED = "shipped", _("Partly shipped")
    DELIVERED = "delivered", _("Delivered")


class PurchaseOrderGroup(models.Model):
    """One group's part of a PO (its lines): routed on creation, accepted, shipped, delivered.

    The PO's counterpart of ``orders.Fulfillment`` (one per group per order); see
    docs/ARCHITECTURE.md for how the two map.
    """

    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.CASCADE, related_name="groups", verbose_name=_("PO")
    )
    group = models.ForeignKey(
        "groups.UppksGroup",
        on_delete=models.PROTECT,
        related_name="purchase_order_parts",
        verbose_name=_("group"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GroupOrderStatus.choices, default=GroupOrderStatus.NEW
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("group's part of a PO")
        verbose_name_plural = _("groups' parts of POs")
        constraints = [
            models.UniqueConstraint(
                fields=["purchase_order", "group"], name="unique_purchase_order_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purchase_order} / {self.group_id}"


class QuoteStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the group's offer")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted (a purchase order)")


class QuoteRequest(models.Model):
    """A partner asks one group for a price; the group offers price and date; the partner accepts.

    Accepting makes a PO (``purchase_order``) with one line at the quoted price.
    """

    account = models.ForeignKey(
        PartnerAccount, on_delete=models.PROTECT, related_name="quotes", verbose_name=_("partner")
    )
    group = models.ForeignKey(
        "groups.UppksGroup", on_delete=models.PROTECT, related_name="+", verbose_name=_("group")
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("variant"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.REQUESTED
    )
    unit_price = models.PositiveIntegerField(_("offered unit price (Rp)"), null=True, blank=True)
    delivery_date = models.DateField(_("offered delivery date"), null=True, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offered by"),
    )
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    purchase_order = models.OneToOneField(
        PurchaseOrder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quote",
        verbose_name=_("PO"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("quote request")
        verbose_name_plural = _("quote requests")

    def __str__(self) -> str:
        return f"RFQ {self.pk}"
