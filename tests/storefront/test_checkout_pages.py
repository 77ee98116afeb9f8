import re

import pytest
from django.urls import NoReverseMatch, reverse

from marketplace.catalog.models import Stock
from marketplace.checkout.services import checkout_summary
from marketplace.orders.models import Order
from tests.factories.regions import KLUNGKUNG, district
from tests.factories.storefront import checkout_address as address

pytestmark = pytest.mark.django_db


def test_checkout_page_offers_regions_and_both_payment_methods(client, cart, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_pasar"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_pasar"
    html = client.get(reverse("storefront:checkout")).content.decode()
    assert '<option value="51">Bali</option>' in html
    assert 'value="bank_transfer"' in html and 'value="card"' in html
    assert html.count('class="shipment"') == 2


def test_checkout_page_hides_card_payment_without_stripe(client, cart, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    html = client.get(reverse("storefront:checkout")).content.decode()
    assert 'value="bank_transfer"' in html
    assert 'value="card"' not in html


def test_card_payment_posted_without_stripe_places_no_order(client, cart, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    response = client.post(
        reverse("storefront:checkout"), {**address(payment_method="card"), "action": "place"}
    )
    assert response.status_code == 200
    assert Order.objects.count() == 0


def test_calculating_shipping_saves_the_address_and_prices_each_shipment(client, cart):
    response = client.post(reverse("storefront:checkout"), {**address(), "action": "update"})
    assert response.status_code == 200
    cart.refresh_from_db()
    assert (cart.email, cart.regency_id, cart.postal_code) == (
        "komang@example.id",
        "51.05",
        "80712",
    )
    summary = checkout_summary(cart)
    assert len(summary.shipments) == 2
    html = response.content.decode()
    for shipment in summary.shipments:
        price = f"Rp {shipment.shipping_price:,}".replace(",", ".")
        assert f"Ongkos kirim: {price}" in html
    total = f"Rp {summary.total:,}".replace(",", ".")
    assert f"<strong>{total}</strong>" in html
    assert Order.objects.count() == 0


def test_regency_list_follows_the_chosen_province(client, cart):
    response = client.post(
        reverse("storefront:checkout"),
        {**address(province="11", regency="", district=""), "action": "update"},
    )
    html = response.content.decode()
    assert '<option value="11.04">Kabupaten Aceh Tengah</option>' in html
    assert '<option value="51.05">' not in html
    assert Order.objects.count() == 0


def test_placing_the_order_shows_the_confirmation_with_two_shipments(client, cart):
    response = client.post(reverse("storefront:checkout"), {**address(), "action": "place"})
    order = Order.objects.get()
    assert response.status_code == 302
    try:
        expected = reverse("payments:order_payment", kwargs={"token": order.token})
    except NoReverseMatch:
        expected = reverse("storefront:order", args=[order.token])
    assert response.url == expected
    html = client.get(reverse("storefront:order", args=[order.token])).content.decode()
    assert f"Pesanan #{order.number}" in html
    assert "Terima kasih! Pesanan Anda sudah dibuat." in html
    assert html.count('class="shipment"') == 2
    assert "UPPKS Mawar Klungkung" in html and "UPPKS Kopi Gayo" in html
    assert "2 × Sabun Sereh" in html and "1 × Kopi Gayo" in html
    assert "checkout_id" not in client.session
    assert client.session["cart_quantity"] == 0


def test_invalid_postal_code_is_refused_and_nothing_is_ordered(client, cart):
    response = client.post(
        reverse("storefront:checkout"), {**address(postal_code="8071A"), "action": "place"}
    )
    assert response.status_code == 200
    assert Order.objects.count() == 0
    assert re.search(r"errorlist", response.content.decode())


def test_regency_outside_the_province_is_refused(client, cart):
    response = client.post(
        reverse("storefront:checkout"),
        {**address(province="11"), "action": "place"},
    )
    assert response.status_code == 200
    assert Order.objects.count() == 0


def test_stock_sold_meanwhile_is_reported_and_no_order_is_made(client, cart):
    Stock.objects.filter(variant__product__name="Kopi Gayo").update(quantity=0)
    response = client.post(reverse("storefront:checkout"), {**address(), "action": "place"})
    assert response.status_code == 200
    assert Order.objects.count() == 0
    assert "errorlist" in response.content.decode()


def test_empty_cart_goes_back_to_the_cart(client):
    response = client.get(reverse("storefront:checkout"))
    assert response.status_code == 302
    assert response.url == reverse("storefront:cart")


def test_regions_endpoint_lists_children(client):
    regencies = client.get(reverse("storefront:regions"), {"parent": "51"}).json()["results"]
    assert {"code": "51.05", "name": "Kabupaten Klungkung"} in regencies
    districts = client.get(reverse("storefront:regions"), {"parent": "51.05"}).json()["results"]
    assert district(KLUNGKUNG).code in [row["code"] for row in districts]
    assert client.get(reverse("storefront:regions"), {"parent": "x"}).status_code == 404
