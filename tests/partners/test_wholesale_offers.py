import pytest

from marketplace.core.models import AuditEntry
from marketplace.partners.errors import PartnerError, PartnerErrorCode
from marketplace.partners.models import WholesaleOffer, WholesaleTier
from marketplace.partners.wholesale import (
    check_wholesale_quantity,
    remove_wholesale_offer,
    set_wholesale_offer,
    wholesale_unit_price,
)
from tests.factories.catalog import ProductVariantFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def soap():
    return ProductVariantFactory(price=15_000, sku="SABUN-PROPOLIS")


def offer_for(variant, **overrides):
    values = {
        "group_id": variant.product.group_id,
        "variant_id": variant.pk,
        "min_order_quantity": 50,
        "lead_time_days": 7,
        "monthly_capacity": 500,
        "tiers": [(200, 10_500), (50, 12_000)],
    }
    values.update(overrides)
    return set_wholesale_offer(**values)


def test_wholesale_offer_tiers_sorted_and_prices_by_quantity(soap):
    actor = GroupMemberFactory(group=soap.product.group).user
    offer = offer_for(soap, actor=actor)
    assert [(t.min_quantity, t.unit_price) for t in offer.tiers.all()] == [
        (50, 12_000),
        (200, 10_500),
    ]
    assert wholesale_unit_price(offer, 50) == 12_000
    assert wholesale_unit_price(offer, 199) == 12_000
    assert wholesale_unit_price(offer, 200) == 10_500
    assert AuditEntry.objects.get(action="wholesale_offer_set").actor == actor


def test_wholesale_offer_replaced_not_duplicated(soap):
    offer_for(soap)
    offer_for(soap, min_order_quantity=20, tiers=[(20, 13_000)])
    offer = WholesaleOffer.objects.get()
    assert offer.min_order_quantity == 20
    assert list(offer.tiers.values_list("min_quantity", "unit_price")) == [(20, 13_000)]
    assert remove_wholesale_offer(group_id=soap.product.group_id, variant_id=soap.pk)
    assert not WholesaleTier.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        (
            {"tiers": [(50, 12_000), (200, 12_500)]},
            "Harga harus turun saat jumlah naik: 200+ seharga Rp 12.500 tidak lebih murah dari "
            "50+ seharga Rp 12.000.",
        ),
        (
            {"tiers": [(50, 12_000), (200, 12_000)]},
            "Harga harus turun saat jumlah naik: 200+ seharga Rp 12.000 tidak lebih murah dari "
            "50+ seharga Rp 12.000.",
        ),
        (
            {"tiers": [(60, 12_000)]},
            "Tingkat harga pertama harus dimulai dari jumlah pesanan minimum (50).",
        ),
        ({"tiers": []}, "Isi paling sedikit satu tingkat harga."),
        ({"tiers": [(50, 16_000)]}, "Harga grosir tidak boleh di atas harga eceran (Rp 15.000)."),
        (
            {"monthly_capacity": 10},
            "Kapasitas per bulan tidak boleh di bawah jumlah pesanan minimum.",
        ),
        ({"lead_time_days": 400}, "Waktu produksi harus antara 0 dan 365 hari."),
        ({"min_order_quantity": 0}, "Jumlah pesanan minimum paling sedikit 1."),
    ],
)
def test_wholesale_offer_bad_input_writes_nothing(soap, overrides, message):
    with pytest.raises(PartnerError) as error:
        offer_for(soap, **overrides)
    assert error.value.message == message
    assert not WholesaleOffer.objects.exists()
    assert not WholesaleTier.objects.exists()


def test_wholesale_offer_by_another_group_refused(soap):
    other = UppksGroupFactory()
    with pytest.raises(PartnerError) as error:
        offer_for(soap, group_id=other.pk)
    assert error.value.code == PartnerErrorCode.OTHER_GROUP_VARIANT
    assert error.value.message == (
        "SABUN-PROPOLIS milik kelompok lain: Anda hanya dapat menawarkan produk sendiri."
    )
    assert not WholesaleOffer.objects.exists()
    assert not remove_wholesale_offer(group_id=other.pk, variant_id=soap.pk)


def test_wholesale_quantity_under_moq_and_over_capacity(soap):
    offer = offer_for(soap)
    with pytest.raises(PartnerError) as error:
        check_wholesale_quantity(offer, 49)
    assert error.value.message == "Pesanan minimum untuk SABUN-PROPOLIS adalah 50 unit."
    with pytest.raises(PartnerError) as error:
        check_wholesale_quantity(offer, 200, booked=400)
    assert error.value.code == PartnerErrorCode.OVER_CAPACITY
    assert error.value.message == (
        "SABUN-PROPOLIS hanya dapat dibuat paling banyak 100 unit lagi bulan ini."
    )
    check_wholesale_quantity(offer, 100, booked=400)
