"""Courier rates: Biteship on loopback, the 10-minute cache, parallel asks, the fallback."""

import time

import pytest
from django.core.cache import cache

from marketplace.checkout.shipping import RateTable
from marketplace.shipping.carriers import Item, Parcel, Place
from marketplace.shipping.quotes import cache_key, quote_parcels

BALI = Place(regency_code="51.04", province_code="51", postal_code="80511")
pytestmark = pytest.mark.django_db

KLUNGKUNG = Place(regency_code="51.05", province_code="51", postal_code="80712")
ACEH = Place(regency_code="11.04", province_code="11", postal_code="24511")


def parcel(origin=BALI, destination=KLUNGKUNG, grams=300, dims=(0, 0, 0)):
    length, width, height = dims
    return Parcel(origin, destination, (Item("Sabun", 1, grams, 25_000, length, width, height),))


def test_courier_rates_come_from_biteship_cheapest_first(biteship):
    [quote] = quote_parcels([parcel()])
    assert quote.from_aggregator and quote.note == ""
    assert [(o.courier, o.service, o.price, o.etd_days) for o in quote.options] == [
        ("sicepat", "reg", 8_000, (1, 2)),
        ("jne", "reg", 9_000, (2, 3)),
        ("anteraja", "reg", 9_500, (2, 3)),
        ("jnt", "ez", 10_000, (2, 4)),
        ("pos", "kilat", 11_000, (3, 5)),
    ]
    [(_method, path, body)] = biteship.requests
    assert path == "/v1/rates/couriers"
    assert body["origin_postal_code"] == 80511 and body["destination_postal_code"] == 80712
    assert body["couriers"] == "jne,jnt,sicepat,anteraja,pos"
    assert body["items"] == [{"name": "Sabun", "value": 25_000, "weight": 300, "quantity": 1}]


def test_courier_rates_are_cached_per_route_and_weight_band(biteship):
    quote_parcels([parcel(grams=300)])
    quote_parcels([parcel(grams=900)])  # same 1 kg band: from the cache
    assert biteship.rate_calls() == 1
    [heavier] = quote_parcels([parcel(grams=1_300)])  # 2 kg band: asked
    assert biteship.rate_calls() == 2
    assert heavier.cheapest.price == 8_000 + 9_000
    key = cache_key("biteship", parcel())
    assert key == "shipping:rates:biteship:80511:80712:1kg"
    assert 590 <= seconds_left(key) <= 600  # SHIPPING_QUOTE_CACHE_SECONDS: 10 minutes


def seconds_left(key: str) -> float:
    """How long ``key`` stays in the cache (Redis in the tests, local memory without it)."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return backend._cache.get_client(key).ttl(backend.make_and_validate_key(key))
    assert isinstance(backend, LocMemCache)
    return backend._expire_info[backend.make_and_validate_key(key)] - time.time()


def test_courier_volumetric_weight_moves_the_parcel_into_a_higher_band(biteship):
    # 40 x 30 x 20 cm = 4 kg volumetric for a 300 g basket
    [quote] = quote_parcels([parcel(grams=300, dims=(40, 30, 20))])
    assert parcel(dims=(40, 30, 20)).chargeable_weight_g == 4_000
    assert quote.find("jne", "reg").price == 9_000 + 3 * 8_000
    [(_m, _p, body)] = biteship.requests
    assert body["items"][0] | {} == {
        "name": "Sabun",
        "value": 25_000,
        "weight": 300,
        "quantity": 1,
        "length": 40,
        "width": 30,
        "height": 20,
    }


def test_courier_rates_for_three_parcels_are_asked_in_parallel(biteship):
    biteship.delay = 0.4
    started = time.monotonic()
    quotes = quote_parcels([parcel(), parcel(origin=ACEH), parcel(grams=2_500)])
    elapsed = time.monotonic() - started
    assert biteship.rate_calls() == 3
    assert all(q.from_aggregator for q in quotes)
    assert elapsed < 0.8, elapsed  # one round trip, not three


def test_courier_api_down_falls_back_to_the_rate_table_with_a_note(biteship):
    biteship.down = True
    [quote] = quote_parcels([parcel()])
    table = RateTable.load()
    assert not quote.from_aggregator
    assert [(o.courier, o.price) for o in quote.options] == [
        (
            "pasar_uppks",
            table.price(origin=_regency("51.04"), destination=_regency("51.05"), weight_g=300),
        ),
    ]
    assert quote.note == (
        "Tarif kurir tidak tersedia saat ini; ongkos kirim memakai tarif Pasar UPPKS."
    )
    assert cache.get(cache_key("biteship", parcel())) is None  # a failure is not cached


def test_courier_api_too_slow_falls_back_within_the_timeout(biteship, settings):
    settings.SHIPPING_QUOTE_TIMEOUT_SECONDS = 0.3
    biteship.delay = 1.5
    started = time.monotonic()
    [quote] = quote_parcels([parcel()])
    assert time.monotonic() - started < 1.0
    assert quote.options[0].courier == "pasar_uppks" and quote.note


def test_courier_destination_not_served_falls_back_with_its_own_note(biteship):
    biteship.not_served_postal_codes = {"80712"}
    [quote] = quote_parcels([parcel()])
    assert quote.options[0].courier == "pasar_uppks"
    assert "tidak melayani" in quote.note


def test_courier_rates_without_a_key_come_from_the_rate_table_unasked(biteship, settings):
    settings.BITESHIP_API_KEY = ""
    [quote] = quote_parcels([parcel(origin=ACEH, grams=1_200)])
    assert [(o.courier, o.service, o.price, o.etd_days) for o in quote.options] == [
        ("pasar_uppks", "reguler", 64_000, (2, 7))
    ]
    assert quote.note == "" and biteship.requests == []


def _regency(code):
    from marketplace.regions.models import Regency

    return Regency.objects.get(pk=code)
