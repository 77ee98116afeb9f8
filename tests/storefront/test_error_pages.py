"""Error pages: Indonesian by default, light, and a way back to the shop."""

import pytest
from django.template.loader import get_template
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_missing_product_shows_the_indonesian_not_found_page(client):
    response = client.get(reverse("storefront:product", kwargs={"slug": "tidak-ada"}))
    html = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html
    assert f'href="{reverse("storefront:home")}"' in html
    assert "Not Found" not in html


def test_server_error_page_renders_without_context_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render()
    assert "Terjadi kesalahan" in html
    assert 'href="/"' in html
