"""A customer's cart and delivery details before the order is placed, and shipping rates."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ProductVariant
from marketplace.orders.models import PaymentMethod
from marketplace.regions.models import District, Province, Regency


class Checkout(models.Model):
    """Lines, contact and address; ``complete_checkout`` turns it into an order."""

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="checkouts",
        verbose_name=_("customer account"),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=8, default="id")
    payment_method = models.CharField(
        _("payment method"),
        max_length=20,
        choices=PaymentMethod.choices,
        default=PaymentMethod.BANK_TRANSFER,
    )

    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    shipping_phone = models.CharField(_("recipient phone"), max_length=20, blank=True)
    street_address_1 = models.CharField(_("street, RT/RW"), max_length=255, blank=True)
    street_address_2 = models.CharField(_("address details"), max_length=255, blank=True)
    village = models.CharField(_("village (desa / kelurahan)"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district (kecamatan)"),
    )
    regency = models.ForeignKey(
        Regency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("regency / city"),
    )
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("province"),
    )

    courier_choices = models.JSONField(
        _("courier choices"),
        default=dict,
        blank=True,
        help_text=_("The courier service picked per group parcel: {group id: [courier, service]}."),
    )
    metadata = models.JSONField(
        _("metadata"),
        default=dict,
        blank=True,
        help_text=_(
            "Public key–value pairs a storefront keeps on the cart (e.g. marketing consent)."
        ),
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")

    def __str__(self) -> str:
        return str(self.token)

    @property
    def has_shipping_address(self) -> bool:
        return bool(self.regency_id and self.street_address_1 and self.first_name)


class CheckoutLine(models.Model):
    """A variant and how many of it the customer wants."""

    checkout = models.ForeignKey(
        Checkout, on_delete=models.CASCADE, related_name="lines", verbose_name=_("checkout")
    )
    variant = models.ForeignKey(
        ProductVariant,
        on_delete=models.CASCADE,
        related_name="checkout_lines",
        verbose_name=_("variant"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("checkout line")
        verbose_name_plural = _("checkout lines")
        constraints = [
            models.UniqueConstraint(fields=["checkout", "variant"], name="one_line_per_variant"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="checkout_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id}"


class ShippingScope(models.TextChoices):
    SAME_REGENCY = "same_regency", _("Inside one regency / city")
    SAME_PROVINCE = "same_province", _("Inside one province")
    BETWEEN_PROVINCES = "between_provinces", _("Between provinces")


class ShippingRate(models.Model):
    """Price of one group shipment: per started kilogram, never below the minimum.

    The most specific row wins: a row naming the origin and destination province beats one
    naming only the origin, which beats one naming only the destination, which beats the
    row for any province (both left empty).
    """

    scope = models.CharField(_("scope"), max_length=20, choices=ShippingScope.choices)
    origin_province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("origin province"),
        help_text=_("Empty: any province."),
    )
    destination_province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("destination province"),
        help_text=_("Empty: any province. Only used between provinces."),
    )
    price_per_kg = models.PositiveIntegerField(
        _("price per kg (Rp)"), validators=[MinValueValidator(1)]
    )
    minimum_price = models.PositiveIntegerField(_("minimum price (Rp)"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["scope", "origin_province_id", "destination_province_id"]
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "origin_province", "destination_province"],
                condition=Q(origin_province__isnull=False, destination_province__isnull=False),
                name="unique_rate_origin_destination",
            ),
            models.UniqueConstraint(
                fields=["scope", "origin_province"],
                condition=Q(origin_province__isnull=False, destination_province__isnull=True),
                name="unique_rate_origin",
            ),
            models.UniqueConstraint(
                fields=["scope", "destination_province"],
                condition=Q(origin_province__isnull=True, destination_province__isnull=False),
                name="unique_rate_destination",
            ),
            models.UniqueConstraint(
                fields=["scope"],
                condition=Q(origin_province__isnull=True, destination_province__isnull=True),
                name="unique_rate_default",
            ),
            models.CheckConstraint(condition=Q(price_per_kg__gt=0), name="rate_per_kg_positive"),
        ]

    def __str__(self) -> str:
        origin = self.origin_province or _("any province")
        destination = self.destination_province or _("any province")
        return f"{self.get_scope_display()}: {origin} → {destination}"

    def price_for(self, weight_g: int) -> int:
        """Whole rupiah for a parcel: each started kilogram is charged, at least the minimum."""
        kilograms = max(1, -(-max(weight_g, 0) // 1000))
        return max(self.minimum_price, kilograms * self.price_per_kg)
