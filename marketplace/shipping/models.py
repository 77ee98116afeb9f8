"""Couriers for group shipments: pick-up addresses, the booked shipment and its tracking."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.groups.models import UppksGroup
from marketplace.orders.models import Fulfillment


class Provider(models.TextChoices):
    RATE_TABLE = "rate_table", _("Rate table")
    BITESHIP = "biteship", _("Biteship")
    RAJAONGKIR = "rajaongkir", _("RajaOngkir (Komerce)")


class PickupAddress(models.Model):
    """Where the courier fetches a group's parcels; an aggregator prices from its postal code."""

    group = models.OneToOneField(
        UppksGroup,
        on_delete=models.CASCADE,
        related_name="pickup_address",
        verbose_name=_("group"),
    )
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=20)
    street = models.CharField(_("street, RT/RW"), max_length=255)
    postal_code = models.CharField(
        _("postal code"), max_length=5, validators=[RegexValidator(r"^\d{5}$")]
    )
    area_id = models.CharField(
        _("aggregator area id"),
        max_length=60,
        blank=True,
        help_text=_("Biteship's area id of the kecamatan, when known (more exact than the code)."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("pick-up address")
        verbose_name_plural = _("pick-up addresses")

    def __str__(self) -> str:
        return f"{self.group} · {self.postal_code}"


class ShipmentStatus(models.TextChoices):
    """Biteship's order states, which the rate table's parcels follow as far as they go."""

    QUOTED = "quoted", _("Courier chosen")
    CONFIRMED = "confirmed", _("Pick-up booked")
    ALLOCATED = "allocated", _("Courier assigned")
    PICKING_UP = "picking_up", _("Courier on the way to pick up")
    PICKED = "picked", _("Picked up")
    DROPPING_OFF = "dropping_off", _("On the way to the buyer")
    ON_HOLD = "on_hold", _("On hold")
    DELIVERED = "delivered", _("Delivered")
    RETURN_IN_TRANSIT = "return_in_transit", _("Being returned")
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", _("Refused by the courier")
    COURIER_NOT_FOUND = "courier_not_found", _("No courier found")
    CANCELLED = "cancelled", _("Pick-up cancelled")
    DISPOSED = "disposed", _("Disposed")


class Shipment(models.Model):
    """The courier side of one fulfilment: the service charged, the booking, the waybill."""

    fulfillment = models.OneToOneField(
        Fulfillment,
        on_delete=models.CASCADE,
        related_name="courier_shipment",
        verbose_name=_("fulfillment"),
    )
    provider = models.CharField(
        _("provider"), max_length=20, choices=Provider.choices, default=Provider.RATE_TABLE
    )
    courier_code = models.CharField(_("courier"), max_length=40)
    courier_name = models.CharField(_("courier name"), max_length=60)
    service_code = models.CharField(_("service"), max_length=40)
    service_name = models.CharField(_("service name"), max_length=60)
    price = models.PositiveBigIntegerField(_("price (Rp)"))
    etd_days_min = models.PositiveSmallIntegerField(_("estimated days (from)"), default=0)
    etd_days_max = models.PositiveSmallIntegerField(_("estimated days (to)"), default=0)
    note = models.CharField(_("note to the buyer"), max_length=255, blank=True)
    cod_available = models.BooleanField(
        _("courier collects cash on delivery"),
        default=False,
        help_text=_("The courier service offered cash on delivery when the order was placed."),
    )
    cod_amount = models.PositiveBigIntegerField(
        _("cash the courier collects (Rp)"),
        default=0,
        help_text=_("Booked with the pick-up of a cash-on-delivery order; 0 otherwise."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ShipmentStatus.choices, default=ShipmentStatus.QUOTED
    )
    provider_order_id = models.CharField(
        _("provider order id"), max_length=64, null=True, blank=True, unique=True
    )
    tracking_id = models.CharField(_("provider tracking id"), max_length=64, blank=True)
    waybill_id = models.CharField(_("waybill (resi)"), max_length=60, blank=True, db_index=True)
    label = models.FileField(_("label PDF"), upload_to="shipping/labels/", blank=True)
    booked_at = models.DateTimeField(_("pick-up booked"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("courier shipment")
        verbose_name_plural = _("courier shipments")

    def __str__(self) -> str:
        return f"{self.courier_name} {self.service_name} · {self.waybill_id or '-'}"

    @property
    def etd_label(self) -> str:
        if not self.etd_days_max:
            return ""
        if self.etd_days_min == self.etd_days_max:
            return str(self.etd_days_max)
        return f"{self.etd_days_min}–{self.etd_days_max}"

    @property
    def is_booked(self) -> bool:
        return self.provider_order_id is not None


class TrackingEvent(models.Model):
    """One step of a parcel's journey, as the courier reported it (shown to the buyer)."""

    shipment = models.ForeignKey(
        Shipment, on_delete=models.CASCADE, related_name="events", verbose_name=_("shipment")
    )
    status = models.CharField(_("status"), max_length=20, choices=ShipmentStatus.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    occurred_at = models.DateTimeField(_("when"))
    dedupe_key = models.CharField(_("dedupe key"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("tracking event")
        verbose_name_plural = _("tracking events")

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.occurred_at:%d-%m-%Y %H:%M}"
