"""Catalog data as the storefront shows it: a published product with photo, variants, stock."""

from marketplace.catalog.models import Product

from .catalog import (
    ProductFactory,
    ProductMediaFactory,
    ProductVariantFactory,
    StockFactory,
    category,
)


def storefront_product(
    *,
    prices=(25_000, 30_000),
    stock=10,
    name="Sabun Propolis",
    name_en="Propolis Soap",
    category_slug="anyaman",
    **product_fields,
) -> Product:
    """A product with one photo and one variant per price (Aroma options), each stocked."""
    product = ProductFactory(
        name=name,
        name_en=name_en,
        description="<p>Sabun <b>propolis</b> buatan tangan.</p>",
        description_en="<p>Handmade <b>propolis</b> soap.</p>",
        category=category(category_slug),
        **product_fields,
    )
    ProductMediaFactory(product=product, alt=f"Foto {name}")
    aromas = ["Sereh", "Melati", "Kopi", "Pandan", "Jeruk"]
    for index, price in enumerate(prices):
        variant = ProductVariantFactory(
            product=product, price=price, options={"Aroma": aromas[index % len(aromas)]}
        )
        StockFactory(variant=variant, group=product.group, quantity=stock)
    return product
