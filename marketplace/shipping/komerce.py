"""RajaOngkir by Komerce (API V2): courier rates between kecamatan, over plain HTTP.

Komerce publishes no Python client, so this is a small one on ``requests``. The base URL comes
from ``RAJAONGKIR_API_BASE_URL`` (the tests point it at a loopback server that follows the
documented shapes, see docs/SHIPPING.md); nothing here knows about tests.

- destinations: GET  /destination/domestic-destination?search=<postal code>  (the kecamatan's id)
- rates:        POST /calculate/domestic-cost  (form: origin, destination, weight in grams,
  courier "jne:sicepat:...", price=lowest)

RajaOngkir prices a weight, not boxes: the parcel's chargeable weight (the larger of the real and
the volumetric weight) is sent. It offers no bookings or tracking webhooks in this API, so its
parcels are shipped by the group itself (no "Minta pick-up").
"""

import re

import requests
from django.core.cache import cache
from django.utils.translation import gettext as _

from .carriers import (
    CarrierError,
    CarrierUnavailable,
    CourierRate,
    DestinationNotServed,
    Parcel,
    Place,
)
from .conf import shipping_setting
from .models import Provider

# A kecamatan's destination id does not change: keep it a month.
DESTINATION_CACHE_SECONDS = 30 * 24 * 3600


class KomerceClient:
    def __init__(self, *, api_key: str, base_url: str, timeout: float):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"key": api_key, "Accept": "application/json"})

    def _call(self, method: str, path: str, *, params=None, data=None) -> dict:
        try:
            response = self.session.request(
                method, self.base_url + path, params=params, data=data, timeout=self.timeout
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
        meta = body.get("meta") if isinstance(body, dict) else None
        if not isinstance(meta, dict):
            raise CarrierUnavailable(_("The courier service answered nonsense."), code="meta")
        if response.status_code == 404 or meta.get("code") == 404:
            # "… not found": no destination for the search, or no service on the route
            raise DestinationNotServed(
                _("No courier serves this address: %(reason)s")
                % {"reason": str(meta.get("message") or "")},
                code="404",
            )
        if response.status_code >= 400 or meta.get("status") != "success":
            raise CarrierError(
                _("The courier service refused: %(reason)s")
                % {"reason": str(meta.get("message") or response.status_code)},
                code=str(meta.get("code") or response.status_code),
            )
        return body

    def domestic_destinations(self, search: str) -> list[dict]:
        body = self._call(
            "GET",
            "/destination/domestic-destination",
            params={"search": search, "limit": 50, "offset": 0},
        )
        return body.get("data") or []

    def domestic_cost(self, *, origin: int, destination: int, weight_g: int, couriers: str):
        body = self._call(
            "POST",
            "/calculate/domestic-cost",
            data={
                "origin": origin,
                "destination": destination,
                "weight": weight_g,
                "courier": couriers,
                "price": "lowest",
            },
        )
        return body.get("data") or []


def _etd(raw) -> tuple[int, int]:
    """``etd`` as Komerce writes it: "2 day", "1-2 day", "3 - 5 hari", "" (unknown)."""
    numbers = [int(n) for n in re.findall(r"\d+", str(raw or ""))]
    return (min(numbers), max(numbers)) if numbers else (0, 0)


class RajaOngkirCarrier:
    provider = Provider.RAJAONGKIR

    def __init__(self, client: KomerceClient, *, couriers: str):
        self.client = client
        self.couriers = couriers

    @classmethod
    def from_settings(cls) -> "RajaOngkirCarrier":
        return cls(
            KomerceClient(
                api_key=shipping_setting("RAJAONGKIR_API_KEY"),
                base_url=shipping_setting("RAJAONGKIR_API_BASE_URL"),
                timeout=shipping_setting("SHIPPING_QUOTE_TIMEOUT_SECONDS"),
            ),
            couriers=shipping_setting("RAJAONGKIR_COURIERS"),
        )

    def destination_id(self, place: Place) -> int:
        """The kecamatan's id in RajaOngkir, found by its postal code (cached)."""
        if not place.postal_code:
            raise DestinationNotServed(
                _("The address has no postal code for the courier."), code="no_location"
            )
        key = f"shipping:rajaongkir:destination:{place.postal_code}"
        found = cache.get(key)
        if found is None:
            matches = [
                row
                for row in self.client.domestic_destinations(place.postal_code)
                if str(row.get("zip_code") or "") == place.postal_code and row.get("id")
            ]
            if not matches:
                raise DestinationNotServed(
                    _("No courier serves this address: %(reason)s") % {"reason": place.postal_code},
                    code="no_destination",
                )
            found = int(matches[0]["id"])
            cache.set(key, found, timeout=DESTINATION_CACHE_SECONDS)
        return found

    def quote(self, parcel: Parcel) -> list[CourierRate]:
        rows = self.client.domestic_cost(
            origin=self.destination_id(parcel.origin),
            destination=self.destination_id(parcel.destination),
            weight_g=max(1, parcel.chargeable_weight_g),
            couriers=self.couriers,
        )
        rates = [
            CourierRate(
                courier=str(row["code"]).lower(),
                service=str(row["service"]),
                price=int(row["cost"]),
                etd_days=_etd(row.get("etd")),
                courier_name=str(row.get("name") or row["code"])[:60],
                service_name=str(row.get("description") or row["service"])[:60],
                provider=self.provider,
            )
            for row in rows
            if row.get("code") and row.get("service") and row.get("cost") is not None
        ]
        if not rates:
            raise DestinationNotServed(_("No courier serves this route."), code="no_pricing")
        return sorted(rates, key=lambda rate: (rate.price, rate.etd_days, rate.key))
