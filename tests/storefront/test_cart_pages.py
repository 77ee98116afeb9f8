import re

import pytest
from django.urls import reverse

from marketplace.checkout.models import Checkout, CheckoutLine
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, regency
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_groups():
    bali = UppksGroupFactory(name="UPPKS Mawar Klungkung")
    aceh = UppksGroupFactory(name="UPPKS Kopi Gayo", regency=regency(ACEH_TENGAH))
    soap = shop_product(name="Sabun Sereh", category="sabun", group=bali, price=25_000)
    coffee = shop_product(name="Kopi Gayo", category="kopi-teh", group=aceh, price=75_000)
    return soap.variants.get(), coffee.variants.get()


def add(client, variant, quantity=1):
    return client.post(
        reverse("storefront:cart_add"), {"variant": variant.pk, "quantity": quantity}
    )


def test_adding_two_groups_products_shows_two_shipments(client, two_groups):
    soap, coffee = two_groups
    assert add(client, soap, 2).status_code == 302
    add(client, coffee)
    html = client.get(reverse("storefront:cart")).content.decode()
    assert "Dikirim oleh UPPKS Mawar Klungkung dari Kabupaten Klungkung" in html
    assert "Dikirim oleh UPPKS Kopi Gayo dari Kabupaten Aceh Tengah" in html
    assert "Rp 50.000" in html and "Rp 75.000" in html
    assert "Rp 125.000" in html  # subtotal
    assert 'class="badge" aria-label="3 barang">3<' in html


def test_adding_the_same_variant_again_sums_the_quantity(client, two_groups):
    soap, _coffee = two_groups
    add(client, soap)
    add(client, soap, 2)
    assert CheckoutLine.objects.get().quantity == 3


def test_more_than_the_stock_is_refused_and_the_cart_is_unchanged(client, two_groups):
    soap, _coffee = two_groups
    add(client, soap, 2)
    response = add(client, soap, 50)
    assert response.status_code == 302
    assert CheckoutLine.objects.get().quantity == 2
    html = client.get(reverse("storefront:cart")).content.decode()
    errors = re.findall(r'<li class="msg error" role="status">([^<]*)</li>', html)
    assert len(errors) == 1
    assert "10" in errors[0] and "Sabun Sereh" in errors[0]


def test_update_quantity_and_remove_a_line(client, two_groups):
    soap, coffee = two_groups
    add(client, soap)
    add(client, coffee)
    client.post(reverse("storefront:cart_update"), {"variant": soap.pk, "quantity": 4})
    assert CheckoutLine.objects.get(variant=soap).quantity == 4
    line = CheckoutLine.objects.get(variant=coffee)
    client.post(reverse("storefront:cart_remove"), {"line": line.pk})
    assert list(CheckoutLine.objects.values_list("variant", flat=True)) == [soap.pk]
    client.post(reverse("storefront:cart_update"), {"variant": soap.pk, "quantity": 0})
    assert CheckoutLine.objects.count() == 0
    assert "Keranjang Anda kosong." in client.get(reverse("storefront:cart")).content.decode()


def test_a_line_of_someone_elses_cart_cannot_be_removed(client, two_groups):
    soap, coffee = two_groups
    other = Checkout.objects.create()
    foreign = CheckoutLine.objects.create(checkout=other, variant=coffee, quantity=1)
    add(client, soap)
    client.post(reverse("storefront:cart_remove"), {"line": foreign.pk})
    assert CheckoutLine.objects.filter(pk=foreign.pk).exists()


def test_invalid_quantity_is_refused_without_a_cart(client, two_groups):
    soap, _coffee = two_groups
    response = client.post(reverse("storefront:cart_add"), {"variant": soap.pk, "quantity": "-1"})
    assert response.status_code == 302
    assert Checkout.objects.count() == 0


def test_cart_pages_only_accept_post_for_changes(client):
    assert client.get(reverse("storefront:cart_add")).status_code == 405


def test_a_quantity_over_the_maximum_names_the_maximum(client, two_groups, settings):
    settings.CHECKOUT_MAX_LINE_QUANTITY = 1000
    soap, _coffee = two_groups
    response = add(client, soap, 99999)
    assert response.status_code == 302
    assert Checkout.objects.count() == 0
    html = client.get(reverse("storefront:cart")).content.decode()
    errors = re.findall(r'<li class="msg error" role="status">([^<]*)</li>', html)
    assert errors == ["Anda dapat membeli paling banyak 1000 untuk satu barang."]


def test_an_invalid_cart_update_names_the_maximum(client, two_groups, settings):
    settings.CHECKOUT_MAX_LINE_QUANTITY = 1000
    soap, _coffee = two_groups
    add(client, soap, 2)
    client.post(reverse("storefront:cart_update"), {"variant": soap.pk, "quantity": "dua"})
    assert CheckoutLine.objects.get().quantity == 2
    html = client.get(reverse("storefront:cart")).content.decode()
    assert "Masukkan jumlah antara 0 dan 1000." in html


def test_quantity_inputs_allow_up_to_the_configured_maximum(client, two_groups, settings):
    settings.CHECKOUT_MAX_LINE_QUANTITY = 1000
    soap, _coffee = two_groups
    add(client, soap)
    html = client.get(reverse("storefront:cart")).content.decode()
    assert 'name="quantity" min="0" max="1000"' in html
