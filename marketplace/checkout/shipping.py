"""Shipping charged per group shipment, from the rate table staff edit in the admin."""

from dataclasses import dataclass

from marketplace.regions.models import Regency

from .models import ShippingRate, ShippingScope

# Used when the table has no row for a route (e.g. a fresh database before the data migration).
DEFAULT_RATES = {
    ShippingScope.SAME_REGENCY: (9_000, 9_000),
    ShippingScope.SAME_PROVINCE: (14_000, 14_000),
    ShippingScope.BETWEEN_PROVINCES: (32_000, 32_000),
}


@dataclass(frozen=True)
class RateTable:
    """The active rates keyed by (scope, origin province, destination province)."""

    rates: dict[tuple[str, str | None, str | None], ShippingRate]

    @classmethod
    def load(cls) -> "RateTable":
        return cls(
            {
                (rate.scope, rate.origin_province_id, rate.destination_province_id): rate
                for rate in ShippingRate.objects.filter(is_active=True)
            }
        )

    def price(self, *, origin: Regency, destination: Regency, weight_g: int) -> int:
        """Whole rupiah to ship ``weight_g`` grams from one regency to another."""
        scope = shipping_scope(origin, destination)
        origin_code, destination_code = origin.province_id, destination.province_id
        for key in (
            (scope, origin_code, destination_code),
            (scope, origin_code, None),
            (scope, None, destination_code),
            (scope, None, None),
        ):
            if key in self.rates:
                return self.rates[key].price_for(weight_g)
        per_kg, minimum = DEFAULT_RATES[scope]
        return ShippingRate(price_per_kg=per_kg, minimum_price=minimum).price_for(weight_g)


def shipping_scope(origin: Regency, destination: Regency) -> ShippingScope:
    if origin.pk == destination.pk:
        return ShippingScope.SAME_REGENCY
    if origin.province_id == destination.province_id:
        return ShippingScope.SAME_PROVINCE
    return ShippingScope.BETWEEN_PROVINCES


def shipping_price(*, origin: Regency, destination: Regency, weight_g: int) -> int:
    """One shipment's price; loads the table (use ``RateTable`` for many shipments)."""
    return RateTable.load().price(origin=origin, destination=destination, weight_g=weight_g)
