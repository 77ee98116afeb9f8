"""Biteship, the courier aggregator (JNE, J&T, SiCepat, AnterAja, POS ...), over its HTTP API.

Biteship publishes no Python client, so this is a small one on ``requests``. The base URL comes
from ``BITESHIP_API_BASE_URL`` (the tests point it at a loopback server that follows the
documented shapes, see docs/SHIPPING.md); nothing here knows about tests.

- rates:    POST /v1/rates/couriers  (origin/destination by area id, postal code or coordinates)
- orders:   POST /v1/orders          (books the pick-up; the waybill when the courier has one)
- tracking: GET  /v1/trackings/{id}
"""

from dataclasses import dataclass

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from .carriers import (
    Booking,
    CarrierError,
    CarrierUnavailable,
    CourierRate,
    DestinationNotServed,
    Item,
    Parcel,
    Place,
    Tracking,
    TrackingStep,
)
from .models import Provider

# Biteship's error codes for a route no courier serves (rates and orders answer them with 400).
NOT_SERVED_CODES = {40001001, 40001010, 40002027}
# When Biteship pays collected cash out: 7 days after delivery is offered by every COD courier.
COD_TYPE = "7_days"


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    address: str
    email: str = ""
    note: str = ""


class BiteshipClient:
    def __init__(self, *, api_key: str, base_url: str, timeout: float):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"Authorization": api_key, "Content-Type": "application/json"})

    def _call(self, method: str, path: str, *, json: dict | None = None, timeout=None) -> dict:
        try:
            response = self.session.request(
                method, self.base_url + path, json=json, timeout=timeout or self.timeout
            )
        except requests.RequestException as exc:
            raise CarrierUnavailable(
                _("The courier service cannot be reached."), code="network"
            ) from exc
        if response.status_code >= 500:
            raise CarrierUnavailable(
                _("The courier service is having trouble (HTTP %(status)d).")
                % {"status": response.status_code},
                code=str(response.status_code),
            )
        try:
            body = response.json()
        except ValueError as exc:
            raise CarrierUnavailable(
                _("The courier service answered nonsense."), code="json"
            ) from exc
        if response.status_code >= 400 or body.get("success") is False:
            code = body.get("code")
            message = str(body.get("error") or body.get("message") or response.status_code)
            if code in NOT_SERVED_CODES:
                raise DestinationNotServed(
                    _("No courier serves this address: %(reason)s") % {"reason": message},
                    code=str(code),
                )
            raise CarrierError(
                _("The courier service refused: %(reason)s") % {"reason": message},
                code=str(code or response.status_code),
            )
        return body

    def rates(self, payload: dict) -> dict:
        return self._call("POST", "/v1/rates/couriers", json=payload)

    def create_order(self, payload: dict, *, timeout: float | None = None) -> dict:
        return self._call("POST", "/v1/orders", json=payload, timeout=timeout)

    def tracking(self, tracking_id: str) -> dict:
        return self._call("GET", f"/v1/trackings/{requests.utils.quote(tracking_id, safe='')}")


def _place(prefix: str, place: Place) -> dict:
    if place.area_id:
        return {f"{prefix}_area_id": place.area_id}
    if place.postal_code:
        return {f"{prefix}_postal_code": int(place.postal_code)}
    if place.latitude is not None and place.longitude is not None:
        return {f"{prefix}_latitude": place.latitude, f"{prefix}_longitude": place.longitude}
    raise DestinationNotServed(
        _("The address has no postal code for the courier."), code="no_location"
    )


def _item(item: Item) -> dict:
    data = {
        "name": item.name[:100],
        "value": item.value,
        "weight": item.weight_g,
        "quantity": item.quantity,
    }
    if item.length_cm and item.width_cm and item.height_cm:
        data.update(length=item.length_cm, width=item.width_cm, height=item.height_cm)
    return data


def _duration(pricing: dict) -> tuple[int, int]:
    """``shipment_duration_range`` "1 - 2" in days (hours count as same day)."""
    raw = str(pricing.get("shipment_duration_range") or pricing.get("duration") or "")
    numbers = [int(part) for part in raw.replace("-", " ").split() if part.isdigit()]
    if not numbers:
        return (0, 0)
    if pricing.get("shipment_duration_unit") == "hours":
        return (0, 0)
    return (min(numbers), max(numbers))


class BiteshipCarrier:
    provider = Provider.BITESHIP

    def __init__(self, client: BiteshipClient, *, couriers: str):
        self.client = client
        self.couriers = couriers

    @classmethod
    def from_settings(cls) -> "BiteshipCarrier":
        return cls(
            BiteshipClient(
                api_key=settings.BITESHIP_API_KEY,
                base_url=settings.BITESHIP_API_BASE_URL,
                timeout=settings.SHIPPING_QUOTE_TIMEOUT_SECONDS,
            ),
            couriers=settings.BITESHIP_COURIERS,
        )

    def quote(self, parcel: Parcel) -> list[CourierRate]:
        payload = {
            **_place("origin", parcel.origin),
            **_place("destination", parcel.destination),
            "couriers": self.couriers,
            "items": [_item(item) for item in parcel.items],
        }
        body = self.client.rates(payload)
        rates = [
            CourierRate(
                courier=str(p["courier_code"]),
                service=str(p["courier_service_code"]),
                price=int(p["price"]),
                etd_days=_duration(p),
                courier_name=str(p.get("courier_name") or p["courier_code"]),
                service_name=str(p.get("courier_service_name") or p["courier_service_code"]),
                cod=bool(p.get("available_for_cash_on_delivery")),
                provider=self.provider,
            )
            for p in body.get("pricing") or []
            if p.get("courier_code")
            and p.get("courier_service_code")
            and p.get("price") is not None
        ]
        if not rates:
            raise DestinationNotServed(_("No courier serves this route."), code="no_pricing")
        return sorted(rates, key=lambda rate: (rate.price, rate.etd_days, rate.key))

    def book(
        self,
        parcel: Parcel,
        *,
        courier: str,
        service: str,
        shipper: Contact,
        recipient: Contact,
        reference_id: str,
        cash_on_delivery: int = 0,
    ) -> Booking:
        """Book the pick-up; ``cash_on_delivery`` > 0 asks the courier to collect that much
        from the buyer (Biteship pays it out to the account after the COD period)."""
        payload = {
            "shipper_contact_name": shipper.name,
            "shipper_contact_phone": shipper.phone,
            "shipper_contact_email": shipper.email,
            "shipper_organization": shipper.name,
            "origin_contact_name": shipper.name,
            "origin_contact_phone": shipper.phone,
            "origin_address": shipper.address,
            "origin_note": shipper.note,
            **_place("origin", parcel.origin),
            "destination_contact_name": recipient.name,
            "destination_contact_phone": recipient.phone,
            "destination_contact_email": recipient.email,
            "destination_address": recipient.address,
            "destination_note": recipient.note,
            **_place("destination", parcel.destination),
            "courier_company": courier,
            "courier_type": service,
            "delivery_type": "now",
            "reference_id": reference_id,
            "items": [_item(item) for item in parcel.items],
        }
        if cash_on_delivery:
            payload["destination_cash_on_delivery"] = cash_on_delivery
            payload["destination_cash_on_delivery_type"] = COD_TYPE
        body = self.client.create_order(payload, timeout=settings.SHIPPING_BOOKING_TIMEOUT_SECONDS)
        courier_data = body.get("courier") or {}
        if not body.get("id"):
            raise CarrierUnavailable(_("The courier service answered without an order id."))
        return Booking(
            provider_order_id=str(body["id"]),
            tracking_id=str(courier_data.get("tracking_id") or ""),
            waybill_id=str(courier_data.get("waybill_id") or ""),
            status=str(body.get("status") or "confirmed"),
            price=int(body.get("price") or 0),
        )

    def track(self, tracking_id: str) -> Tracking:
        body = self.client.tracking(tracking_id)
        return Tracking(
            waybill_id=str(body.get("waybill_id") or ""),
            status=str(body.get("status") or ""),
            history=[
                TrackingStep(
                    status=str(step.get("status") or ""),
                    note=str(step.get("note") or ""),
                    occurred_at=str(step.get("updated_at") or ""),
                )
                for step in body.get("history") or []
            ],
        )
