"""Which variants a customer may buy right now."""

from collections.abc import Iterable

from marketplace.catalog.models import Product, ProductVariant


def purchasable_variants(variant_ids: Iterable[int]) -> dict[int, ProductVariant]:
    """The variants a customer may buy now, by id (published product from an active group)."""
    return {
        variant.pk: variant
        for variant in ProductVariant.objects.filter(pk__in=list(variant_ids))
        .filter(product__in=Product.objects.published().values("pk"))
        .select_related("product__group")
    }
