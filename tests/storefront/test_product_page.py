import pytest
from django.urls import reverse

from marketplace.catalog.models import ProductStatus, Stock
from tests.factories.catalog import ProductMediaFactory
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db


def test_product_page_shows_variants_prices_and_stock(client):
    product = shop_product(name="Sabun Propolis", category="sabun", variants=("Sereh", "Mawar"))
    sereh, mawar = product.variants.order_by("pk")
    Stock.objects.filter(variant=mawar).update(quantity=3)
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'value="{sereh.pk}" id="variant-{sereh.pk}" checked' in html
    assert "Sereh — Rp 85.000" in html
    assert "Mawar — Rp 90.000" in html
    assert "Tersedia" in html
    assert "Tinggal 3" in html


def test_sold_out_variant_cannot_be_chosen(client):
    product = shop_product(variants=("Kecil", "Besar"))
    big = product.variants.order_by("pk").last()
    Stock.objects.filter(variant=big).update(quantity=2, quantity_allocated=2)
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'id="variant-{big.pk}" disabled' in html
    assert "Stok habis" in html


def test_group_card_links_to_the_group_with_its_kabupaten(client):
    product = shop_product()
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'href="{product.group.get_absolute_url()}"' in html
    assert "Kabupaten Klungkung, Bali" in html


def test_permit_and_halal_badges(client):
    product = shop_product(
        name="Keripik Pisang",
        category="camilan",
        permit_number="P-IRT 2065105010123-28",
        halal_number="ID51110000123450925",
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Izin: P-IRT 2065105010123-28" in html
    assert "Halal: ID51110000123450925" in html


def test_photos_are_responsive_webp_with_jpeg_fallback_and_dimensions(client):
    product = shop_product()
    media = ProductMediaFactory(product=product, alt="Tas dari depan")
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'<source type="image/webp" srcset="/gambar/{media.pk}/' in html
    assert 'width="480" height="480" alt="Tas dari depan"' in html
    assert ".jpg 1x" in html


def test_related_products_come_from_the_same_category(client):
    product = shop_product(name="Tas Pandan")
    related = shop_product(name="Tikar Mendong")
    other = shop_product(name="Kopi Gayo", category="kopi-teh")
    html = client.get(product.get_absolute_url()).content.decode()
    assert related.get_absolute_url() in html
    assert other.get_absolute_url() not in html


def test_unpublished_product_is_not_found(client):
    product = shop_product(status=ProductStatus.SUBMITTED)
    assert client.get(product.get_absolute_url()).status_code == 404


def test_product_of_an_inactive_group_is_not_found(client):
    product = shop_product()
    product.group.is_active = False
    product.group.save()
    assert client.get(reverse("storefront:product", args=[product.slug])).status_code == 404
