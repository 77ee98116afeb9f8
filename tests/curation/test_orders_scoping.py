"""The orders admin uses the curation mixin: a Bali curator gets 404 on an Aceh group's order."""

import pytest
from django.urls import reverse

from tests.factories.orders import FulfillmentFactory, OrderFactory
from tests.factories.regions import ACEH_TENGAH, district, regency

pytestmark = pytest.mark.django_db


@pytest.fixture
def aceh_fulfillment(aceh_group):
    order = OrderFactory(paid=True, regency=regency(ACEH_TENGAH), district=district(ACEH_TENGAH))
    return FulfillmentFactory(order=order, group=aceh_group)


def test_bali_curator_gets_404_on_an_aceh_order(client, bali_curator, aceh_fulfillment):
    client.force_login(bali_curator)

    order = client.get(reverse("admin:orders_order_change", args=[aceh_fulfillment.order_id]))
    fulfillment = client.get(reverse("admin:orders_fulfillment_change", args=[aceh_fulfillment.pk]))
    listing = client.get(reverse("admin:orders_order_changelist"))

    assert (order.status_code, fulfillment.status_code) == (404, 404)
    assert list(listing.context["cl"].result_list) == []


def test_bali_curator_sees_a_bali_order(client, bali_curator, group):
    fulfillment = FulfillmentFactory(group=group)
    client.force_login(bali_curator)

    response = client.get(reverse("admin:orders_order_change", args=[fulfillment.order_id]))

    assert response.status_code == 200


def test_national_admin_sees_the_aceh_order(client, national_admin, aceh_fulfillment):
    client.force_login(national_admin)

    response = client.get(reverse("admin:orders_order_change", args=[aceh_fulfillment.order_id]))

    assert response.status_code == 200
