"""Shipping operations: record the courier charged per fulfilment, book the pick-up, follow
the courier's tracking (webhooks) into the fulfilment's states."""

import hmac
import logging
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from marketplace.notifications import outbox
from marketplace.notifications.models import Channel
from marketplace.orders import services as orders
from marketplace.orders.cod import cod_amount_due, deliver_cod_fulfillment
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Fulfillment, FulfillmentStatus, PaymentMethod

from .biteship import BiteshipCarrier, Contact
from .carriers import CarrierError, CarrierUnavailable, DestinationNotServed, Parcel, Place
from .cod import post_courier_cod_collected
from .errors import ShippingError, ShippingErrorCode
from .label import render_label
from .models import PickupAddress, Provider, Shipment, ShipmentStatus, TrackingEvent
from .pricing import items_of, origin_of

logger = logging.getLogger("marketplace.shipping")

PICKUP_STATUSES = (FulfillmentStatus.ACCEPTED, FulfillmentStatus.PACKED)
SHIPPED_STATUSES = {ShipmentStatus.PICKED, ShipmentStatus.DROPPING_OFF}
# statuses the buyer hears of from the orders notices (shipped / delivered) are not repeated
QUIET_STATUSES = {*SHIPPED_STATUSES, ShipmentStatus.DELIVERED, ShipmentStatus.CONFIRMED}


def record_shipments(fulfillments: list[Fulfillment], shipments) -> list[Shipment]:
    """At order time: the courier service each group parcel is charged with (same transaction)."""
    rows = []
    for fulfillment, planned in zip(fulfillments, shipments, strict=True):
        rate = planned.courier
        if rate is None:
            continue
        from_table = bool(planned.shipping_note) or rate.courier == "pasar_uppks"
        provider = Provider.RATE_TABLE if from_table else (rate.provider or Provider.BITESHIP)
        rows.append(
            Shipment(
                fulfillment=fulfillment,
                provider=provider,
                cod_available=rate.cod,
                courier_code=rate.courier,
                courier_name=rate.courier_name[:60],
                service_code=rate.service,
                service_name=rate.service_name[:60],
                price=rate.price,
                etd_days_min=rate.etd_days[0],
                etd_days_max=rate.etd_days[1],
                note=planned.shipping_note[:255],
            )
        )
    return Shipment.objects.bulk_create(rows)


def _shipment_for_pickup(fulfillment_id: int) -> Shipment:
    shipment = (
        Shipment.objects.select_related(
            "fulfillment__order__regency__province",
            "fulfillment__order__district",
            "fulfillment__group__regency",
        )
        .filter(fulfillment_id=fulfillment_id)
        .first()
    )
    fulfillment = (
        shipment.fulfillment if shipment else Fulfillment.objects.filter(pk=fulfillment_id).first()
    )
    if fulfillment is None:
        raise ShippingError(ShippingErrorCode.NOT_FOUND, _("Shipment not found."), field="id")
    if fulfillment.status not in PICKUP_STATUSES:
        raise ShippingError(
            ShippingErrorCode.INVALID_STATUS,
            _("A pick-up cannot be requested for a shipment that is “%(status)s”.")
            % {"status": fulfillment.get_status_display()},
            field="status",
        )
    if shipment is None or shipment.provider != Provider.BITESHIP or not settings.BITESHIP_API_KEY:
        raise ShippingError(
            ShippingErrorCode.NO_COURIER,
            _(
                "This parcel was not sent with a partner courier; ship it yourself and enter "
                "the tracking number."
            ),
            field="courier",
        )
    return shipment


def _parcel_and_contacts(shipment: Shipment, pickup: PickupAddress):
    fulfillment = shipment.fulfillment
    order, group = fulfillment.order, fulfillment.group
    lines = list(fulfillment.lines.select_related("order_line__variant__product"))
    parcel = Parcel(
        origin=origin_of(group, pickup),
        destination=origin_of_order(order),
        items=items_of(
            (line.order_line.variant, line.quantity, line.order_line.unit_price)
            for line in lines
            if line.order_line.variant is not None
        ),
    )
    shipper = Contact(pickup.contact_name, pickup.contact_phone, pickup.street, group.email)
    address = ", ".join(
        filter(None, [order.street_address_1, order.street_address_2, order.village])
    )
    recipient = Contact(order.full_name, order.shipping_phone or order.phone, address, order.email)
    return parcel, shipper, recipient


def origin_of_order(order) -> Place:
    return Place(
        regency_code=order.regency_id,
        province_code=order.province_id,
        district_code=order.district_id or "",
        postal_code=order.postal_code,
    )


def book_pickup(fulfillment_id: int, *, actor) -> Shipment:
    """ "Minta pick-up": book the courier, pin the label, fill the tracking number.

    The booking call runs outside any transaction and is claimed first (``booked_at``), so a
    double tap books once; a failed call releases the claim and writes nothing else. An
    accepted parcel is marked packed: it now waits for the courier.
    """
    shipment = _shipment_for_pickup(fulfillment_id)
    if shipment.is_booked:
        return shipment
    pickup = PickupAddress.objects.filter(group_id=shipment.fulfillment.group_id).first()
    if pickup is None:
        raise ShippingError(
            ShippingErrorCode.NO_PICKUP_ADDRESS,
            _("Fill in the group's pick-up address first (ask the BKKBN staff)."),
            field="pickup_address",
        )
    claimed = Shipment.objects.filter(
        pk=shipment.pk, provider_order_id__isnull=True, booked_at__isnull=True
    ).update(booked_at=timezone.now())
    if claimed != 1:
        raise ShippingError(
            ShippingErrorCode.ALREADY_BOOKING,
            _("A pick-up is already being booked for this parcel."),
            field="id",
        )
    try:
        cod = _cash_on_delivery(shipment)
    except ShippingError:
        Shipment.objects.filter(pk=shipment.pk).update(booked_at=None)
        raise
    parcel, shipper, recipient = _parcel_and_contacts(shipment, pickup)
    try:
        booking = BiteshipCarrier.from_settings().book(
            parcel,
            courier=shipment.courier_code,
            service=shipment.service_code,
            shipper=shipper,
            recipient=recipient,
            reference_id=f"PASAR-{shipment.fulfillment.composed_id}",
            cash_on_delivery=cod,
        )
    except CarrierError as error:
        Shipment.objects.filter(pk=shipment.pk).update(booked_at=None)
        raise _booking_error(error) from error
    return _save_booking(shipment.pk, booking, actor=actor, cod_amount=cod)


def _cash_on_delivery(shipment: Shipment) -> int:
    """What the courier collects at the door: 0 unless the order is cash on delivery, then the
    parcel's live lines and shipping (``orders.cod.cod_amount_due``). A COD order whose courier
    service takes no cash cannot be booked: the group delivers and collects itself."""
    fulfillment = shipment.fulfillment
    if fulfillment.order.payment_method != PaymentMethod.COD:
        return 0
    if not shipment.cod_available:
        raise ShippingError(
            ShippingErrorCode.COD_NOT_SUPPORTED,
            _(
                "This courier service does not collect cash on delivery; deliver the parcel "
                "yourself and collect the payment."
            ),
            field="courier",
        )
    return cod_amount_due(fulfillment)


def _booking_error(error: CarrierError) -> ShippingError:
    if isinstance(error, DestinationNotServed):
        code = ShippingErrorCode.DESTINATION_NOT_SERVED
        message = _("The courier does not serve this address. Ship the parcel yourself.")
    elif isinstance(error, CarrierUnavailable):
        code = ShippingErrorCode.COURIER_UNAVAILABLE
        message = _("The courier service is not answering. Try again in a few minutes.")
    else:
        code = ShippingErrorCode.COURIER_REFUSED
        message = _("The courier refused the pick-up: %(reason)s") % {"reason": error.message}
    return ShippingError(code, message, field="courier")


def _save_booking(shipment_id: int, booking, *, actor, cod_amount: int = 0) -> Shipment:
    with transaction.atomic():
        shipment = Shipment.objects.select_for_update(of=("self",)).get(pk=shipment_id)
        fulfillment = Fulfillment.objects.get(pk=shipment.fulfillment_id)
        if fulfillment.status == FulfillmentStatus.ACCEPTED:
            fulfillment = orders.pack_fulfillment(fulfillment.pk, actor=actor)
        shipment.provider_order_id = booking.provider_order_id
        shipment.tracking_id = booking.tracking_id
        shipment.waybill_id = booking.waybill_id or booking.provider_order_id
        shipment.status = ShipmentStatus.CONFIRMED
        shipment.cod_amount = cod_amount
        shipment.save()
        Fulfillment.objects.filter(pk=fulfillment.pk).update(
            courier=shipment.courier_name[:60], tracking_number=shipment.waybill_id[:60]
        )
        fulfillment.refresh_from_db()
        _pin_label(shipment, fulfillment)
        _event(
            shipment,
            ShipmentStatus.CONFIRMED,
            _("Pick-up booked."),
            timezone.now(),
            key=f"booking:{shipment.provider_order_id}",
        )
    return shipment


def _pin_label(shipment: Shipment, fulfillment: Fulfillment) -> None:
    fulfillment = Fulfillment.objects.select_related(
        "order__regency", "order__province", "order__district", "group__regency"
    ).get(pk=fulfillment.pk)
    pdf = render_label(shipment, fulfillment)
    shipment.label.save(f"label-{fulfillment.composed_id}.pdf", ContentFile(pdf), save=True)


def _event(shipment, status, note, when, *, key) -> TrackingEvent | None:
    """Append a tracking step once (``key``); None when it was recorded before."""
    try:
        with transaction.atomic():
            return TrackingEvent.objects.create(
                shipment=shipment,
                status=status,
                note=note[:500],
                occurred_at=when,
                dedupe_key=key[:200],
            )
    except IntegrityError:
        return None


def check_webhook_signature(headers) -> None:
    """Biteship sends the header and value set in its dashboard; compare in constant time."""
    secret = settings.BITESHIP_WEBHOOK_SECRET
    given = headers.get(settings.BITESHIP_WEBHOOK_HEADER, "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        raise ShippingError(
            ShippingErrorCode.BAD_SIGNATURE,
            _("The webhook signature is not valid."),
            field="signature",
        )


def normalize_status(value: str) -> str:
    """``droppingOff`` / ``dropping_off`` → ``dropping_off``."""
    out = "".join(f"_{c.lower()}" if c.isupper() else c for c in str(value or "").strip())
    return out.lstrip("_").replace("-", "_")


def _when(payload: dict) -> datetime:
    parsed = parse_datetime(str(payload.get("updated_at") or ""))
    return parsed or timezone.now()


def handle_biteship_event(payload: dict) -> str:
    """Apply one webhook call; returns what happened (``status``, ``waybill``, ``duplicate``,
    ``ignored``). An unknown order or waybill is refused and nothing is written."""
    event = str(payload.get("event") or "")
    if event not in ("order.status", "order.waybill_id", "order.price"):
        raise ShippingError(ShippingErrorCode.INVALID, _("Unknown webhook event."), field="event")
    order_id = str(payload.get("order_id") or "")
    waybill = str(payload.get("courier_waybill_id") or "")
    shipment = Shipment.objects.filter(provider_order_id=order_id).first() if order_id else None
    if shipment is None and waybill:
        shipment = Shipment.objects.filter(waybill_id=waybill, provider=Provider.BITESHIP).first()
    if shipment is None:
        raise ShippingError(
            ShippingErrorCode.UNKNOWN_SHIPMENT,
            _("No shipment has this courier order or waybill."),
            field="order_id",
        )
    if event == "order.price":
        return "ignored"  # the buyer paid the quoted price; a re-weigh is settled with Biteship
    if event == "order.waybill_id":
        return _set_waybill(shipment, waybill)
    status = normalize_status(payload.get("status"))
    if status not in ShipmentStatus.values:
        raise ShippingError(ShippingErrorCode.INVALID, _("Unknown courier status."), field="status")
    return _apply_status(shipment.pk, status, payload)


def _set_waybill(shipment: Shipment, waybill: str) -> str:
    if not waybill or waybill == shipment.waybill_id:
        return "duplicate"
    with transaction.atomic():
        Shipment.objects.filter(pk=shipment.pk).update(waybill_id=waybill[:60])
        Fulfillment.objects.filter(pk=shipment.fulfillment_id).update(tracking_number=waybill[:60])
    return "waybill"


def _apply_status(shipment_id: int, status: str, payload: dict) -> str:
    """The courier's step moves the fulfilment through the orders services (settlement
    releases the group's money on delivery); other steps tell the buyer by an outbox notice."""
    with transaction.atomic():
        shipment = Shipment.objects.select_related("fulfillment__order").get(pk=shipment_id)
        note = str(payload.get("note") or ShipmentStatus(status).label)
        key = f"biteship:{shipment.provider_order_id}:{status}"
        step = _event(shipment, status, note, _when(payload), key=key)
        if step is None:
            return "duplicate"
        waybill = str(payload.get("courier_waybill_id") or "") or shipment.waybill_id
        Shipment.objects.filter(pk=shipment.pk).update(status=status, waybill_id=waybill[:60])
        fulfillment = shipment.fulfillment
        if status in SHIPPED_STATUSES | {ShipmentStatus.DELIVERED}:
            if fulfillment.status == FulfillmentStatus.ACCEPTED:
                fulfillment = orders.pack_fulfillment(fulfillment.pk, actor=None)
            if fulfillment.status == FulfillmentStatus.PACKED:
                fulfillment = orders.ship_fulfillment(
                    fulfillment.pk,
                    actor=None,
                    courier=shipment.courier_name,
                    tracking_number=waybill,
                )
        if status == ShipmentStatus.DELIVERED and fulfillment.status == FulfillmentStatus.SHIPPED:
            _deliver(shipment, fulfillment)
        if status not in QUIET_STATUSES:
            _tell_buyer(shipment, step)
    return "status"


def _deliver(shipment: Shipment, fulfillment: Fulfillment) -> None:
    """Delivered: settlement releases the group's share. For a COD parcel the courier collected
    (booked with ``cod_amount``) the cash is recorded as the payments issue's COD does, then
    settlement turns it into the group's payable share (``shipping.cod``). A COD amount that no
    longer matches the parcel is refused and the whole webhook call rolled back. A COD parcel
    booked without courier COD stays shipped: the group records the cash it collected."""
    if shipment.fulfillment.order.payment_method != PaymentMethod.COD:
        orders.deliver_fulfillment(fulfillment.pk, actor=None)
        return
    if not shipment.cod_amount:
        return
    try:
        delivered = deliver_cod_fulfillment(
            fulfillment.pk, cash_collected=shipment.cod_amount, actor=None
        )
    except OrderError as error:
        raise ShippingError(ShippingErrorCode.INVALID, error.message, field="cod") from error
    post_courier_cod_collected(delivered, amount=shipment.cod_amount)


def _tell_buyer(shipment: Shipment, step: TrackingEvent) -> None:
    order = shipment.fulfillment.order
    outbox.enqueue(
        "shipment_tracking_updated",
        about=step,
        recipients=[outbox.Recipient(Channel.EMAIL, order.email, order.language or "id")],
        context={
            "order_number": order.number,
            "customer_name": order.full_name,
            "courier": shipment.courier_name,
            "waybill_id": shipment.waybill_id,
            "status": step.get_status_display(),
            "note": step.note,
            "order_token": str(order.token),
        },
    )


def tracking_history(fulfillment_ids) -> dict[int, list[TrackingEvent]]:
    """Each fulfilment's tracking steps, oldest first (for the buyer's order page)."""
    history: dict[int, list[TrackingEvent]] = {}
    events = TrackingEvent.objects.filter(shipment__fulfillment_id__in=list(fulfillment_ids))
    for event in events.select_related("shipment").order_by("occurred_at", "pk"):
        history.setdefault(event.shipment.fulfillment_id, []).append(event)
    return history
