"""A product page reads its variants and photos in one statement, whatever their number, and
shows them as the models would: photos in their order (a photo not stored yet as a placeholder),
a variant without a name by its option values, stock summed over the groups that hold it."""

import re

import pytest

from marketplace.catalog.models import ProductMedia, Stock
from tests.factories.catalog import ProductMediaFactory, ProductVariantFactory, StockFactory
from tests.factories.groups import UppksGroupFactory
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db

# The product (with its group and region), its variants and photos, its related products.
QUERY_BUDGET = 3


@pytest.mark.parametrize("count", [1, 12])
def test_the_page_reads_the_same_number_of_queries_for_few_or_many_variants_and_photos(
    client, settings, django_assert_num_queries, count
):
    settings.STOREFRONT_CACHE_SECONDS = 0
    product = shop_product(variants=tuple(f"Ukuran {index}" for index in range(count)))
    for index in range(count):
        ProductMediaFactory(product=product, alt=f"Foto {index}")
    client.get(product.get_absolute_url())  # the worker's category rows are read once a minute

    with django_assert_num_queries(QUERY_BUDGET):
        response = client.get(product.get_absolute_url())

    html = response.content.decode()
    assert html.count('name="variant"') == count
    assert html.count("<picture>") == count  # the main photo and count - 1 thumbnails


def test_photos_follow_their_order_and_one_not_stored_yet_is_a_placeholder(client):
    product = shop_product(name="Tas Pandan")
    second = ProductMediaFactory(product=product, alt="Samping", sort_order=2)
    first = ProductMediaFactory(product=product, alt="Depan", sort_order=1)
    ProductMedia.objects.create(product=product, source_url="https://contoh.id/a.jpg", sort_order=3)

    html = client.get(product.get_absolute_url()).content.decode()

    gallery = html[html.index('<div class="gallery">') : html.index('<div class="info">')]
    pictures = re.findall(r"<picture>.*?/gambar/(\d+)/", gallery)
    assert pictures == [str(first.pk), str(second.pk)]
    assert 'alt="Depan" class="main" loading="eager"' in gallery
    assert '<span class="ph " style="aspect-ratio:1" role="img" aria-label="Tas Pandan">' in gallery


def test_a_variant_without_a_name_is_offered_by_its_option_values(client):
    product = shop_product(name="Sabun Propolis", variants=())
    unnamed = ProductVariantFactory(
        product=product, name="", options={"Aroma": "Sereh", "Ukuran": "100 g"}, price=25_000
    )
    StockFactory(variant=unnamed, group=product.group, quantity=4)

    html = client.get(product.get_absolute_url()).content.decode()

    assert f'<label for="variant-{unnamed.pk}">Sereh, 100 g — Rp 25.000' in html
    assert "Tinggal 4" in html


def test_stock_of_a_variant_is_summed_over_the_groups_that_hold_it(client):
    product = shop_product(variants=("Kecil",), quantity=2)
    variant = product.variants.get()
    Stock.objects.filter(variant=variant).update(quantity=2, quantity_allocated=1)
    StockFactory(variant=variant, group=UppksGroupFactory(), quantity=3)

    html = client.get(product.get_absolute_url()).content.decode()

    assert "Tinggal 4" in html  # 1 still free here, 3 at the other group
