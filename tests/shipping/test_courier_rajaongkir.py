"""RajaOngkir by Komerce behind the same courier interface: rates between kecamatan, the
settings choosing the provider, the fallback, and an order charging its courier."""

import pytest

from marketplace.checkout.services import add_lines, checkout_summary, choose_courier
from marketplace.checkout.services import complete_checkout as place
from marketplace.orders.services import accept_fulfillment
from marketplace.shipping.carriers import Item, Parcel, Place, aggregator_provider
from marketplace.shipping.errors import ShippingError, ShippingErrorCode
from marketplace.shipping.models import Provider, Shipment
from marketplace.shipping.quotes import quote_parcels
from marketplace.shipping.services import book_pickup
from tests.factories.groups import GroupMemberFactory
from tests.factories.orders import pay_by_bank_transfer
from tests.fixtures.biteship import API_KEY as BITESHIP_KEY

from .conftest import stocked

pytestmark = pytest.mark.django_db

GIANYAR = Place(regency_code="51.04", province_code="51", postal_code="80511")
KLUNGKUNG = Place(regency_code="51.05", province_code="51", postal_code="80712")
ACEH = Place(regency_code="11.04", province_code="11", postal_code="24511")


def parcel(origin=GIANYAR, destination=KLUNGKUNG, grams=300, dims=(0, 0, 0)):
    return Parcel(origin, destination, (Item("Sabun", 1, grams, 25_000, *dims),))


def test_courier_rates_from_rajaongkir_between_kecamatan_cheapest_first(rajaongkir):
    [quote] = quote_parcels([parcel()])
    assert quote.from_aggregator and quote.note == ""
    assert [(o.courier, o.service, o.price, o.etd_days) for o in quote.options] == [
        ("sicepat", "REG", 9_000, (1, 2)),
        ("anteraja", "REG", 9_500, (2, 4)),
        ("jne", "REG", 10_000, (2, 2)),
        ("jnt", "EZ", 11_000, (2, 3)),
        ("pos", "Pos Reguler", 12_000, (3, 5)),
    ]
    assert {o.provider for o in quote.options} == {Provider.RAJAONGKIR}
    assert quote.cheapest.courier_name == "SiCepat Express"
    searches = [call["search"] for call in rajaongkir.search_calls()]
    assert searches == ["80511", "80712"]  # each kecamatan's destination id by postal code
    [cost] = rajaongkir.cost_calls()
    assert cost == {
        "origin": "17520",
        "destination": "17601",
        "weight": "300",
        "courier": "jne:jnt:sicepat:anteraja:pos",
        "price": "lowest",
    }


def test_courier_rajaongkir_destination_ids_and_rates_are_cached(rajaongkir):
    quote_parcels([parcel(grams=300)])
    quote_parcels([parcel(grams=800)])  # same route and 1 kg band: no call at all
    [heavier] = quote_parcels([parcel(grams=2_100)])  # 3 kg band: the rate only
    assert len(rajaongkir.search_calls()) == 2 and len(rajaongkir.cost_calls()) == 2
    assert heavier.find("jne", "REG").price == 10_000 + 2 * 9_000


def test_courier_rajaongkir_is_asked_the_volumetric_weight(rajaongkir):
    # 40 x 30 x 20 cm is 4 kg by volume: RajaOngkir prices a weight, so it gets the larger one
    [quote] = quote_parcels([parcel(grams=300, dims=(40, 30, 20))])
    [cost] = rajaongkir.cost_calls()
    assert cost["weight"] == "4000"
    assert quote.find("pos", "Pos Reguler").price == 12_000 + 3 * 6_500


def test_courier_rajaongkir_down_falls_back_to_the_rate_table_with_a_note(rajaongkir):
    rajaongkir.down = True
    [quote] = quote_parcels([parcel(origin=ACEH)])
    assert not quote.from_aggregator
    assert [o.courier for o in quote.options] == ["pasar_uppks"] and quote.cheapest.price > 0
    assert quote.note == (
        "Tarif kurir tidak tersedia saat ini; ongkos kirim memakai tarif Pasar UPPKS."
    )


def test_courier_rajaongkir_too_slow_falls_back_within_the_timeout(rajaongkir, settings):
    settings.SHIPPING_QUOTE_TIMEOUT_SECONDS = 0.3
    rajaongkir.delay = 1.0
    [quote] = quote_parcels([parcel()])
    assert quote.cheapest.courier == "pasar_uppks" and quote.note


def test_courier_rajaongkir_destination_not_served_falls_back_with_its_own_note(rajaongkir):
    rajaongkir.not_served_ids = {17601}
    [quote] = quote_parcels([parcel()])
    assert quote.cheapest.courier == "pasar_uppks"
    assert "tidak melayani" in quote.note
    unknown = Place(regency_code="51.05", province_code="51", postal_code="80799")
    [quote] = quote_parcels([parcel(destination=unknown)])
    assert quote.cheapest.courier == "pasar_uppks" and "tidak melayani" in quote.note


@pytest.mark.parametrize(
    ("choice", "biteship_key", "rajaongkir_key", "chosen"),
    [
        ("rajaongkir", True, True, Provider.RAJAONGKIR),
        ("biteship", True, True, Provider.BITESHIP),
        ("auto", True, True, Provider.BITESHIP),
        ("auto", False, True, Provider.RAJAONGKIR),
        ("rajaongkir", True, False, None),  # its key missing: the rate table stays
        ("rate_table", True, True, None),
    ],
)
def test_courier_provider_is_chosen_by_the_settings(
    settings, choice, biteship_key, rajaongkir_key, chosen
):
    settings.SHIPPING_PROVIDER = choice
    settings.BITESHIP_API_KEY = BITESHIP_KEY if biteship_key else ""
    settings.RAJAONGKIR_API_KEY = "key" if rajaongkir_key else ""
    assert aggregator_provider() == chosen


def test_courier_provider_rajaongkir_asks_only_rajaongkir(rajaongkir, biteship, settings):
    settings.SHIPPING_PROVIDER = "rajaongkir"
    settings.RAJAONGKIR_API_KEY = rajaongkir.api_key  # the biteship fixture leaves it alone
    [quote] = quote_parcels([parcel()])
    assert quote.cheapest.provider == Provider.RAJAONGKIR
    assert biteship.requests == [] and len(rajaongkir.cost_calls()) == 1


def test_courier_picked_from_rajaongkir_is_charged_and_ships_without_pickup(
    rajaongkir, cart, gianyar_group
):
    stock = stocked(gianyar_group, weight_g=1_200)
    add_lines(cart.pk, [(stock.variant_id, 1)])
    shown = checkout_summary(cart)
    [shipment] = shown.shipments
    # 1.2 kg is a 2 kg parcel: AnterAja's lower per-kg rate makes it the cheapest
    assert [o.courier for o in shipment.courier_options][:2] == ["anteraja", "sicepat"]
    assert (shipment.courier.courier, shipment.shipping_price) == ("anteraja", 9_500 + 8_500)
    choose_courier(cart.pk, group_id=gianyar_group.pk, courier="jnt", service="EZ")
    order = place(cart.pk, expected_shipping_total=11_000 + 8_000)
    assert (order.shipping_total, order.total) == (19_000, 25_000 + 19_000)
    stored = Shipment.objects.get(fulfillment__order=order)
    assert (stored.provider, stored.courier_code, stored.service_code, stored.price) == (
        Provider.RAJAONGKIR,
        "jnt",
        "EZ",
        19_000,
    )
    # RajaOngkir books no couriers: the group ships it and types the waybill itself
    pay_by_bank_transfer(order)
    member = GroupMemberFactory(group=gianyar_group).user
    accept_fulfillment(stored.fulfillment_id, actor=member)
    with pytest.raises(ShippingError) as error:
        book_pickup(stored.fulfillment_id, actor=member)
    assert error.value.code == ShippingErrorCode.NO_COURIER
    assert error.value.message.startswith("Paket ini tidak dikirim dengan kurir mitra")
    assert Shipment.objects.get(pk=stored.pk).booked_at is None
