"""Row locks for curation, always taken product first, then its pending revision."""

from marketplace.catalog.models import Product

from .models import ProductRevision


def locked_product(product_id: int) -> Product:
    """The product, locked, with what the rules read (group, region, category)."""
    return (
        Product.objects.select_for_update(of=("self",))
        .select_related("group__regency", "category__parent")
        .get(pk=product_id)
    )


def locked_pending_revision(product: Product) -> ProductRevision | None:
    return (
        ProductRevision.objects.select_for_update(of=("self",))
        .filter(product=product)
        .pending()
        .first()
    )
