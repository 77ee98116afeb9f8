"""One shipping interface: ``quote`` a parcel between two places, book it, track it.

The province rate table is the first carrier (no network, always answers); Biteship
(``biteship.py``: rates, bookings, tracking, COD) and RajaOngkir by Komerce (``komerce.py``:
rates between kecamatan) are the aggregator adapters. ``aggregator_provider()`` reads the
settings (``SHIPPING_PROVIDER``): without the chosen aggregator's key the rate table prices every
parcel, as before this package existed.
"""

from dataclasses import asdict, dataclass, field
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from marketplace.checkout.shipping import RateTable
from marketplace.regions.models import Regency

from .conf import shipping_setting
from .models import Provider

RATE_TABLE_COURIER = "pasar_uppks"
RATE_TABLE_SERVICE = "reguler"
RATE_TABLE_ETD = (2, 7)


class CarrierError(Exception):
    """A carrier could not do what was asked; ``message`` is for people (Indonesian first)."""

    def __init__(self, message: str, *, code: str = ""):
        super().__init__(str(message))
        self.message = str(message)
        self.code = code


class CarrierUnavailable(CarrierError):
    """Down, slow or answering garbage: try again later (checkout falls back to the table)."""


class DestinationNotServed(CarrierError):
    """No courier of the aggregator serves this route."""


@dataclass(frozen=True)
class Place:
    """A kecamatan as couriers know it: codes for the table, postal code / area / coordinates
    for an aggregator (the first one present is used)."""

    regency_code: str
    province_code: str
    district_code: str = ""
    postal_code: str = ""
    area_id: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @property
    def cache_key(self) -> str:
        return self.area_id or self.postal_code or self.district_code or self.regency_code


@dataclass(frozen=True)
class Item:
    name: str
    quantity: int
    weight_g: int
    value: int
    length_cm: int = 0
    width_cm: int = 0
    height_cm: int = 0

    @property
    def volumetric_weight_g(self) -> int:
        return -(-self.length_cm * self.width_cm * self.height_cm * 1000 // 6000)


@dataclass(frozen=True)
class Parcel:
    origin: Place
    destination: Place
    items: tuple[Item, ...]

    @property
    def weight_g(self) -> int:
        return sum(item.weight_g * item.quantity for item in self.items)

    @property
    def volumetric_weight_g(self) -> int:
        return sum(item.volumetric_weight_g * item.quantity for item in self.items)

    @property
    def chargeable_weight_g(self) -> int:
        """What couriers bill: the larger of the real and the volumetric weight."""
        return max(self.weight_g, self.volumetric_weight_g)

    @property
    def weight_band_kg(self) -> int:
        """Couriers charge per started kilogram: parcels in one band cost the same."""
        return max(1, -(-self.chargeable_weight_g // 1000))


@dataclass(frozen=True)
class CourierRate:
    courier: str
    service: str
    price: int
    etd_days: tuple[int, int]
    courier_name: str = ""
    service_name: str = ""
    cod: bool = False
    provider: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.courier, self.service)

    @property
    def etd_label(self) -> str:
        low, high = self.etd_days
        return str(high) if low == high else f"{low}–{high}"

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "CourierRate":
        return cls(**{**data, "etd_days": tuple(data["etd_days"])})


@dataclass(frozen=True)
class Booking:
    provider_order_id: str
    tracking_id: str
    waybill_id: str
    status: str
    price: int


@dataclass(frozen=True)
class TrackingStep:
    status: str
    note: str
    occurred_at: str  # ISO 8601 as the carrier sent it


@dataclass(frozen=True)
class Tracking:
    waybill_id: str
    status: str
    history: list[TrackingStep] = field(default_factory=list)


class Carrier(Protocol):
    provider: str

    def quote(self, parcel: Parcel) -> list[CourierRate]: ...


class RateTableCarrier:
    """The marketplace's own table: one service, priced per started kilogram between regencies.

    ``rates`` is loaded on first use; pass a loaded ``RateTable`` to price many parcels."""

    provider = Provider.RATE_TABLE

    def __init__(self, rates: RateTable | None = None):
        self._rates = rates
        self._regencies: dict[str, Regency] = {}

    def load_regencies(self, parcels: list[Parcel]) -> None:
        """One query for every parcel's ends, so pricing many parcels costs no more queries."""
        codes = {
            code for p in parcels for code in (p.origin.regency_code, p.destination.regency_code)
        }
        missing = codes - self._regencies.keys()
        if missing:
            self._regencies.update(Regency.objects.in_bulk(list(missing)))

    def quote(self, parcel: Parcel) -> list[CourierRate]:
        if self._rates is None:
            self._rates = RateTable.load()
        self.load_regencies([parcel])
        price = self._rates.price(
            origin=self._regencies[parcel.origin.regency_code],
            destination=self._regencies[parcel.destination.regency_code],
            weight_g=parcel.chargeable_weight_g,
        )
        return [self.rate(price)]

    @staticmethod
    def rate(price: int) -> CourierRate:
        return CourierRate(
            courier=RATE_TABLE_COURIER,
            service=RATE_TABLE_SERVICE,
            price=price,
            etd_days=RATE_TABLE_ETD,
            courier_name=str(_("Pasar UPPKS rate")),
            service_name=str(_("Regular")),
            provider=Provider.RATE_TABLE,
        )


def aggregator_provider() -> str | None:
    """The aggregator the settings choose, or None for the rate table.

    ``SHIPPING_PROVIDER``: ``biteship`` or ``rajaongkir`` (that one, when its key is set),
    ``auto`` (Biteship with a key, else RajaOngkir with a key), ``rate_table`` (never asked)."""
    choice = shipping_setting("SHIPPING_PROVIDER")
    keys = {
        Provider.BITESHIP: bool(shipping_setting("BITESHIP_API_KEY")),
        Provider.RAJAONGKIR: bool(shipping_setting("RAJAONGKIR_API_KEY")),
    }
    if choice == "auto":
        return next((provider for provider, has_key in keys.items() if has_key), None)
    return choice if keys.get(choice) else None


def aggregator_enabled() -> bool:
    return aggregator_provider() is not None
