import pytest
from django.urls import reverse

from marketplace.orders.models import FulfillmentStatus
from tests.factories.orders import FulfillmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped():
    return FulfillmentFactory(
        order__email="putu@example.id",
        status=FulfillmentStatus.SHIPPED,
        courier="JNE",
        tracking_number="JNE0012345678",
    )


def test_number_and_email_open_the_order(client, shipped):
    order = shipped.order
    response = client.post(
        reverse("storefront:track_order"), {"number": order.number, "email": "PUTU@example.id"}
    )
    assert response.status_code == 302
    assert response.url == reverse("storefront:order", args=[order.token])
    html = client.get(response.url).content.decode()
    assert "JNE0012345678" in html and "(JNE)" in html
    assert shipped.group.name in html


def test_wrong_email_finds_nothing(client, shipped):
    response = client.post(
        reverse("storefront:track_order"),
        {"number": shipped.order.number, "email": "orang@example.id"},
    )
    assert response.status_code == 200
    assert "Tidak ada pesanan dengan nomor dan email ini." in response.content.decode()


def test_unknown_token_is_not_found(client):
    url = reverse("storefront:order", args=["00000000-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404


def test_number_pasted_with_a_hash_from_the_email_opens_the_order(client, shipped):
    order = shipped.order
    page = client.get(reverse("storefront:track_order")).content.decode()
    assert 'type="text" name="number"' in page
    response = client.post(
        reverse("storefront:track_order"),
        {"number": f" #{order.number} ", "email": "putu@example.id"},
    )
    assert response.status_code == 302
    assert response.url == reverse("storefront:order", args=[order.token])


@pytest.mark.parametrize("number", ["abc", "#", "0", "1" * 19, "١٢٣"])
def test_a_number_that_is_not_an_order_number_is_refused(client, shipped, number):
    response = client.post(
        reverse("storefront:track_order"), {"number": number, "email": "putu@example.id"}
    )
    assert response.status_code == 200
    assert "Masukkan nomor pesanan, misalnya 100001 atau #100001." in response.content.decode()
