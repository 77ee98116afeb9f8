import pytest

from marketplace.checkout.models import ShippingRate, ShippingScope
from marketplace.checkout.shipping import RateTable, shipping_price, shipping_scope
from tests.factories.checkout import ShippingRateFactory
from tests.factories.regions import (
    ACEH,
    ACEH_TENGAH,
    BALI,
    DENPASAR,
    GIANYAR,
    KLUNGKUNG,
    province,
    regency,
)


def test_seeded_rates_make_shipping_cheaper_closer_to_home(db):
    same_regency = shipping_price(
        origin=regency(KLUNGKUNG), destination=regency(KLUNGKUNG), weight_g=800
    )
    same_province = shipping_price(
        origin=regency(KLUNGKUNG), destination=regency(DENPASAR), weight_g=800
    )
    other_province = shipping_price(
        origin=regency(ACEH_TENGAH), destination=regency(DENPASAR), weight_g=800
    )
    assert (same_regency, same_province, other_province) == (9_000, 14_000, 32_000)


def test_each_started_kilogram_is_charged(db):
    rate = ShippingRate(price_per_kg=10_000, minimum_price=0)
    assert [rate.price_for(g) for g in (1, 1000, 1001, 2500)] == [10_000, 10_000, 20_000, 30_000]


def test_the_minimum_applies_to_light_parcels(db):
    assert ShippingRate(price_per_kg=5_000, minimum_price=12_000).price_for(2000) == 12_000


def test_the_most_specific_row_wins(db):
    ShippingRateFactory(origin_province=province(ACEH), price_per_kg=40_000, minimum_price=0)
    ShippingRateFactory(
        origin_province=province(ACEH),
        destination_province=province(BALI),
        price_per_kg=45_000,
        minimum_price=0,
    )
    table = RateTable.load()
    aceh_to_bali = table.price(
        origin=regency(ACEH_TENGAH), destination=regency(GIANYAR), weight_g=1
    )
    aceh_to_jakarta = table.price(
        origin=regency(ACEH_TENGAH), destination=regency("31.74"), weight_g=1
    )
    bali_to_aceh = table.price(
        origin=regency(GIANYAR), destination=regency(ACEH_TENGAH), weight_g=1
    )
    assert (aceh_to_bali, aceh_to_jakarta, bali_to_aceh) == (45_000, 40_000, 32_000)


def test_without_any_rate_row_the_built_in_defaults_apply(db):
    ShippingRate.objects.all().delete()
    price = shipping_price(origin=regency(KLUNGKUNG), destination=regency(GIANYAR), weight_g=2500)
    assert price == 3 * 14_000


def test_inactive_rates_are_ignored(db):
    ShippingRate.objects.filter(scope=ShippingScope.SAME_REGENCY).update(price_per_kg=1)
    ShippingRate.objects.filter(scope=ShippingScope.SAME_REGENCY).update(is_active=False)
    assert (
        shipping_price(origin=regency(KLUNGKUNG), destination=regency(KLUNGKUNG), weight_g=10)
        == 9_000
    )


@pytest.mark.parametrize(
    ("origin", "destination", "scope"),
    [
        (KLUNGKUNG, KLUNGKUNG, ShippingScope.SAME_REGENCY),
        (KLUNGKUNG, DENPASAR, ShippingScope.SAME_PROVINCE),
        (ACEH_TENGAH, KLUNGKUNG, ShippingScope.BETWEEN_PROVINCES),
    ],
)
def test_scope_follows_the_regions(db, origin, destination, scope):
    assert shipping_scope(regency(origin), regency(destination)) == scope
