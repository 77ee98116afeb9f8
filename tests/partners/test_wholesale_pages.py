import pytest
from django.urls import reverse

from marketplace.groups.models import PartnerKind
from marketplace.partners.models import AccountStatus, PartnerAccount, WholesaleOffer
from marketplace.partners.wholesale import set_wholesale_offer
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductVariantFactory, StockFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.partners import PartnerUserFactory
from tests.factories.regions import district

pytestmark = pytest.mark.django_db


@pytest.fixture
def soap():
    variant = ProductVariantFactory(price=15_000, sku="SABUN-PROPOLIS")
    StockFactory(variant=variant, quantity=40)
    return variant


def post_offer(client, variant, **overrides):
    data = {
        "min_order_quantity": 50,
        "lead_time_days": 7,
        "monthly_capacity": 500,
        "tier_0_quantity": 50,
        "tier_0_price": 12_000,
        "tier_1_quantity": 200,
        "tier_1_price": 10_500,
    }
    data.update(overrides)
    return client.post(reverse("partners_portal:offer_save", args=[variant.pk]), data, follow=True)


def test_wholesale_offer_set_in_portal(client, soap):
    client.force_login(GroupMemberFactory(group=soap.product.group).user)
    page = client.get(reverse("partners_portal:offers")).content.decode()
    assert "SABUN-PROPOLIS" in page
    response = post_offer(client, soap)
    assert "Penawaran grosir SABUN-PROPOLIS disimpan." in response.content.decode()
    offer = WholesaleOffer.objects.get()
    assert list(offer.tiers.values_list("min_quantity", "unit_price")) == [
        (50, 12_000),
        (200, 10_500),
    ]
    page = client.get(reverse("partners_portal:offers")).content.decode()
    assert 'value="10500"' in page


def test_wholesale_tiers_not_falling_refused_in_portal(client, soap):
    client.force_login(GroupMemberFactory(group=soap.product.group).user)
    response = post_offer(client, soap, tier_1_price=12_500)
    assert "Harga harus turun saat jumlah naik" in response.content.decode()
    assert not WholesaleOffer.objects.exists()


def test_wholesale_offer_for_another_groups_variant_is_404(client, soap):
    client.force_login(GroupMemberFactory(group=UppksGroupFactory()).user)
    response = client.post(
        reverse("partners_portal:offer_save", args=[soap.pk]),
        {"min_order_quantity": 50, "lead_time_days": 7, "monthly_capacity": 500},
    )
    assert response.status_code == 404
    assert not WholesaleOffer.objects.exists()


def test_wholesale_prices_shown_to_approved_partner_only(client, soap):
    set_wholesale_offer(
        group_id=soap.product.group_id,
        variant_id=soap.pk,
        min_order_quantity=50,
        lead_time_days=7,
        monthly_capacity=500,
        tiers=[(50, 12_000), (200, 10_500)],
    )
    url = reverse("storefront:product", args=[soap.product.slug])
    anonymous = client.get(url).content.decode()
    assert "Rp 10.500" not in anonymous and 'id="wholesale"' not in anonymous
    client.force_login(UserFactory())
    consumer = client.get(url).content.decode()
    assert "Rp 10.500" not in consumer
    pending = PartnerUserFactory(account__status=AccountStatus.PENDING)
    client.force_login(pending.user)
    assert "Rp 10.500" not in client.get(url).content.decode()
    partner = PartnerUserFactory()
    client.force_login(partner.user)
    page = client.get(url).content.decode()
    assert 'id="wholesale"' in page
    assert "Rp 12.000" in page and "Rp 10.500" in page
    assert "Minimal pesan 50" in page


def test_partner_registers_on_storefront(client):
    user = UserFactory()
    client.force_login(user)
    kecamatan = district("51.03")
    response = client.post(
        reverse("partners_storefront:register"),
        {
            "name": "Hotel Segara Kuta",
            "kind": PartnerKind.HOTEL,
            "npwp": "",
            "province": "51",
            "regency": "51.03",
            "district": kecamatan.code,
            "address": "Jl. Pantai Kuta 8",
            "phone": "+6281234500001",
            "contact_name": "Wayan Adi",
            "contact_position": "Purchasing",
        },
        follow=True,
    )
    page = response.content.decode()
    account = PartnerAccount.objects.get()
    assert account.status == AccountStatus.PENDING
    assert account.district == kecamatan
    assert "Menunggu persetujuan" in page


def test_partner_registration_bad_npwp_shows_error_and_writes_nothing(client):
    client.force_login(UserFactory())
    kecamatan = district("51.03")
    response = client.post(
        reverse("partners_storefront:register"),
        {
            "name": "Hotel Segara Kuta",
            "kind": PartnerKind.HOTEL,
            "npwp": "123",
            "province": "51",
            "regency": "51.03",
            "district": kecamatan.code,
            "address": "Jl. Pantai Kuta 8",
            "phone": "+6281234500001",
            "contact_name": "Wayan Adi",
        },
    )
    assert "NPWP harus 15 atau 16 digit." in response.content.decode()
    assert not PartnerAccount.objects.exists()
