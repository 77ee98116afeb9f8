import re

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.catalog.models import ProductVariant
from tests.factories.accounts import UserFactory
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db


def test_a_cached_listing_is_served_without_catalog_queries(client, django_assert_num_queries):
    shop_product(name="Tas Pandan")
    url = reverse("storefront:category", args=["anyaman"])
    client.get(url)
    with django_assert_num_queries(0):
        response = client.get(url)
    assert "Tas Pandan" in response.content.decode()


def test_a_cached_product_page_costs_no_query_for_an_anonymous_visitor(
    client, django_assert_num_queries
):
    product = shop_product(name="Sabun Sereh", category="sabun")
    client.get(product.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(product.get_absolute_url())
    assert "Sabun Sereh" in response.content.decode()


def test_cached_pages_keep_each_visitors_own_account_and_csrf_token():
    product = shop_product()
    alice, bob = UserFactory(first_name="Alice"), UserFactory(first_name="Bob")
    first, second = Client(), Client()
    first.force_login(alice)
    second.force_login(bob)
    url = product.get_absolute_url()
    page_a = first.get(url)
    page_b = second.get(url)
    token_a = page_a.context["csrf_token"]
    assert str(token_a) not in page_b.content.decode()
    assert page_b.content.decode().count('name="csrfmiddlewaretoken"') == 2
    anonymous = Client().get(url).content.decode()
    assert "Akun saya" not in anonymous and "Masuk" in anonymous


def test_language_has_its_own_cached_fragment(client):
    shop_product(name="Tas Pandan")
    url = reverse("storefront:category", args=["anyaman"])
    assert "<h1>Anyaman</h1>" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    assert "<h1>Woven Crafts</h1>" in client.get(url).content.decode()


def test_different_filters_are_cached_apart(client):
    shop_product(name="Murah", price=10_000)
    shop_product(name="Mahal", price=500_000)
    url = reverse("storefront:products")
    cheap = client.get(url, {"max_price": "50000"}).content.decode()
    dear = client.get(url, {"min_price": "50000"}).content.decode()
    assert "Murah" in cheap and "Mahal" not in cheap
    assert "Mahal" in dear and "Murah" not in dear


def test_caching_can_be_turned_off(client, settings):
    settings.STOREFRONT_CACHE_SECONDS = 0
    product = shop_product(price=85_000)
    client.get(product.get_absolute_url())
    ProductVariant.objects.filter(product=product).update(price=99_000)
    assert "Rp 99.000" in client.get(product.get_absolute_url()).content.decode()


def csrf_token_in(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_first_time_visitors_share_the_cached_page_but_each_gets_a_working_csrf_token():
    product = shop_product(name="Sabun Sereh", category="sabun")
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    page_one = first.get(product.get_absolute_url()).content.decode()
    page_two = second.get(product.get_absolute_url()).content.decode()
    assert "placeholder@@" not in page_two
    token_one, token_two = csrf_token_in(page_one), csrf_token_in(page_two)
    assert token_one != token_two
    response = second.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token_two}
    )
    assert response.status_code == 302
    refused = second.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": "x" * 64}
    )
    assert refused.status_code == 403


def test_a_visitor_with_a_cart_gets_their_own_shell_not_the_shared_page(client):
    product = shop_product()
    url = product.get_absolute_url()
    Client().get(url)  # fills the shared page
    client.post(
        reverse("storefront:cart_add"), {"variant": product.variants.get().pk, "quantity": 2}
    )
    html = client.get(url).content.decode()
    assert 'aria-label="2 barang">2<' in html
