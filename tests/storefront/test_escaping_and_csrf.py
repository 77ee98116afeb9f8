import re

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.checkout.models import Checkout
from tests.factories.groups import UppksGroupFactory
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def test_product_and_group_text_is_escaped_everywhere(client):
    group = UppksGroupFactory(name=f"UPPKS {SCRIPT}", story=f"Cerita {SCRIPT}")
    product = shop_product(
        name=f"Tas {SCRIPT}",
        group=group,
        description=f'<p onclick="x()">Bagus</p>{SCRIPT}<img src=x onerror=alert(1)>',
    )
    pages = [
        reverse("storefront:home"),
        reverse("storefront:products"),
        reverse("storefront:search") + "?q=tas",
        product.get_absolute_url(),
        group.get_absolute_url(),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "onerror" not in html and "onclick" not in html, url
    product_html = client.get(product.get_absolute_url()).content.decode()
    assert "Tas &lt;script&gt;alert(1)&lt;/script&gt;" in product_html
    assert "<p>Bagus</p>" in product_html


def test_search_text_is_escaped(client):
    html = client.get(reverse("storefront:search"), {"q": '"><script>x</script>'}).content.decode()
    assert "<script>x" not in html
    assert "&quot;&gt;&lt;script&gt;x&lt;/script&gt;" in html


def test_every_post_form_carries_a_csrf_token(client):
    product = shop_product()
    for url in [
        product.get_absolute_url(),
        reverse("storefront:home"),
        reverse("storefront:login"),
        reverse("storefront:register"),
        reverse("storefront:track_order"),
        reverse("storefront:password_reset"),
    ]:
        html = client.get(url).content.decode()
        forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S)
        assert forms, url
        assert all('name="csrfmiddlewaretoken"' in form for form in forms), url


def test_add_to_cart_without_the_csrf_token_is_refused():
    product = shop_product()
    guarded = Client(enforce_csrf_checks=True)
    response = guarded.post(
        reverse("storefront:cart_add"),
        {"variant": product.variants.get().pk, "quantity": 1},
    )
    assert response.status_code == 403
    assert Checkout.objects.count() == 0
