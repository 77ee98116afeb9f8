"""GraphQL: approved partners see wholesale prices, MOQ and lead time on variants; consumers,
anonymous callers and partners not (yet) approved read null."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.partners.wholesale import set_wholesale_offer
from tests.factories.accounts import UserFactory
from tests.factories.partners import PartnerUserFactory
from tests.factories.storefront import shop_product
from tests.graphql.conftest import ApiClient

pytestmark = pytest.mark.django_db

QUERY = """
query ($slug: String!) {
  product(slug: $slug, channel: "default-channel") {
    variants {
      sku
      wholesale { minOrderQuantity leadTimeDays tiers { minQuantity price { amount currency } } }
    }
  }
}
"""


@pytest.fixture
def soap():
    product = shop_product(
        name="Sabun Propolis", category="sabun", price=15_000, variants=("A", "B")
    )
    for variant in product.variants.all():
        set_wholesale_offer(
            group_id=product.group_id,
            variant_id=variant.pk,
            min_order_quantity=50,
            lead_time_days=7,
            monthly_capacity=300,
            tiers=[(50, 12_000), (200, 10_500)],
        )
    return product


def wholesale(client, product):
    data = client.execute(QUERY, {"slug": product.slug})
    return [variant["wholesale"] for variant in data["product"]["variants"]]


def test_wholesale_api_approved_partner_sees_tiers_moq_and_lead_time(soap):
    partner = ApiClient().login(PartnerUserFactory().user)
    offers = wholesale(partner, soap)
    assert (
        offers
        == [
            {
                "minOrderQuantity": 50,
                "leadTimeDays": 7,
                "tiers": [
                    {"minQuantity": 50, "price": {"amount": 12_000, "currency": "IDR"}},
                    {"minQuantity": 200, "price": {"amount": 10_500, "currency": "IDR"}},
                ],
            }
        ]
        * 2
    )


@pytest.mark.parametrize("who", ["anonymous", "consumer", "pending partner", "rejected partner"])
def test_wholesale_api_consumers_and_unapproved_partners_never_see_it(soap, who):
    client = ApiClient()
    if who == "consumer":
        client.login(UserFactory())
    elif who != "anonymous":
        status = who.split()[0]
        client.login(PartnerUserFactory(account__status=status).user)
    assert wholesale(client, soap) == [None, None]
    body = client.post(QUERY, {"slug": soap.slug}).content
    assert b"12000" not in body and b'minOrderQuantity": 50' not in body


def test_wholesale_api_offers_load_in_constant_queries(soap):
    partner = ApiClient().login(PartnerUserFactory().user)
    wholesale(partner, soap)  # warm caches
    with CaptureQueriesContext(connection) as two:
        wholesale(partner, soap)
    more = shop_product(name="Sabun Sereh", category="sabun", variants=("A", "B", "C", "D"))
    for variant in more.variants.all():
        set_wholesale_offer(
            group_id=more.group_id,
            variant_id=variant.pk,
            min_order_quantity=10,
            lead_time_days=3,
            monthly_capacity=100,
            tiers=[(10, 9_000)],
        )
    wholesale(partner, more)
    with CaptureQueriesContext(connection) as four:
        assert len(wholesale(partner, more)) == 4
    assert len(four) == len(two)
