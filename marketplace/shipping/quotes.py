"""Courier rates for many parcels at once: cached, asked in parallel, never blank.

Rates are cached per provider, origin, destination and weight band (couriers charge per started
kilogram of the chargeable weight) for ``SHIPPING_QUOTE_CACHE_SECONDS``. Parcels missing from the
cache are asked in parallel on a thread pool, all within ``SHIPPING_QUOTE_TIMEOUT_SECONDS``; a
parcel the aggregator cannot price in time (down, slow, refusing, or a destination no courier
serves) gets the rate table's price with a note for the buyer. The threads only do HTTP.
"""

import logging
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from marketplace.checkout.shipping import RateTable

from .biteship import BiteshipCarrier
from .carriers import (
    CarrierError,
    CourierRate,
    DestinationNotServed,
    Parcel,
    RateTableCarrier,
    aggregator_provider,
)
from .komerce import RajaOngkirCarrier
from .models import Provider

AGGREGATORS = {Provider.BITESHIP: BiteshipCarrier, Provider.RAJAONGKIR: RajaOngkirCarrier}

logger = logging.getLogger("marketplace.shipping")
MAX_WORKERS = 8


@dataclass(frozen=True)
class ParcelQuote:
    """The services a buyer may pick for one parcel, cheapest first; ``note`` says why only
    the rate table's service is offered when the aggregator failed."""

    options: list[CourierRate]
    note: str = ""
    from_aggregator: bool = False

    @property
    def cheapest(self) -> CourierRate:
        return self.options[0]

    def find(self, courier: str, service: str) -> CourierRate | None:
        return next((o for o in self.options if o.key == (courier, service)), None)


def active_carrier():
    """The carrier the settings choose (``carriers.aggregator_provider``), else the rate table."""
    provider = aggregator_provider()
    return AGGREGATORS[provider].from_settings() if provider else RateTableCarrier()


def cache_key(provider: str, parcel: Parcel) -> str:
    origin, destination = parcel.origin.cache_key, parcel.destination.cache_key
    return f"shipping:rates:{provider}:{origin}:{destination}:{parcel.weight_band_kg}kg"


def _fallback(parcel: Parcel, rates: RateTable, note: str) -> ParcelQuote:
    return ParcelQuote(RateTableCarrier(rates).quote(parcel), note=note)


def quote_parcels(
    parcels: list[Parcel], *, rates: RateTable | None = None, network: bool = True
) -> list[ParcelQuote]:
    """One quote per parcel, in order. ``network=False`` answers from the cache or the table
    (for code holding locks)."""
    rates = rates or RateTable.load()
    if not parcels:
        return []
    carrier = active_carrier()
    if isinstance(carrier, RateTableCarrier):
        carrier = RateTableCarrier(rates)
        carrier.load_regencies(parcels)
        return [ParcelQuote(carrier.quote(parcel)) for parcel in parcels]
    keys = [cache_key(carrier.provider, parcel) for parcel in parcels]
    cached = cache.get_many(set(keys))
    results: dict[str, ParcelQuote] = {
        key: ParcelQuote([CourierRate.from_dict(o) for o in options], from_aggregator=True)
        for key, options in cached.items()
    }
    missing = {key: parcel for key, parcel in zip(keys, parcels, strict=True) if key not in results}
    if missing and network:
        results.update(_ask(carrier, missing, rates))
    unavailable = _(
        "Courier rates are not available right now; shipping uses the Pasar UPPKS rate."
    )
    return [
        results.get(key) or _fallback(parcel, rates, unavailable)
        for key, parcel in zip(keys, parcels, strict=True)
    ]


def _ask(carrier, missing: dict[str, Parcel], rates: RateTable) -> dict:
    timeout = settings.SHIPPING_QUOTE_TIMEOUT_SECONDS
    executor = ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(missing)))
    futures = {executor.submit(carrier.quote, parcel): key for key, parcel in missing.items()}
    done, _pending = wait(futures, timeout=timeout)
    executor.shutdown(wait=False, cancel_futures=True)
    results, fresh = {}, {}
    for future, key in futures.items():
        parcel = missing[key]
        if future not in done:
            logger.warning("courier rates timed out after %.1fs", timeout)
            continue  # falls back with the "not available" note
        try:
            options = future.result()
        except DestinationNotServed as error:
            logger.info("no courier serves %s: %s", key, error.message)
            results[key] = _fallback(
                parcel,
                rates,
                _(
                    "No courier of our partner serves this address; shipping uses the "
                    "Pasar UPPKS rate and the group sends the parcel itself."
                ),
            )
            continue
        except CarrierError as error:
            logger.warning("courier rates failed: %s", error.message)
            continue
        results[key] = ParcelQuote(options, from_aggregator=True)
        fresh[key] = [option.as_dict() for option in options]
    if fresh:
        cache.set_many(fresh, timeout=settings.SHIPPING_QUOTE_CACHE_SECONDS)
    return results
