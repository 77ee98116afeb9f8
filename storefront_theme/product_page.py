"""What a product page shows besides the product row: its variants, with what each can still
sell, and its photos, read in one constant statement.

Two querysets (variants annotated with their stock, then photos) cost the page two round trips
and two compilations, more than PostgreSQL took to answer them; this one is also prepared once
per connection (``core.sql``).
"""

import json

from marketplace.catalog.models import variant_label
from marketplace.core.sql import fetch_prepared

from .cards import Photo

# Kind 0: variants (id, name, options, price, units still to sell); kind 1: photos (id, image,
# alt). Each in its own display order.
VARIANTS_AND_PHOTOS_SQL = (
    "SELECT 0, v.id, v.name, CAST(v.options AS TEXT), v.price,"
    " (SELECT COALESCE(SUM(CASE WHEN s.quantity > s.quantity_allocated"
    " THEN s.quantity - s.quantity_allocated ELSE 0 END), 0)"
    " FROM catalog_stock s WHERE s.variant_id = v.id), v.sort_order"
    " FROM catalog_productvariant v WHERE v.product_id = %s"
    " UNION ALL"
    " SELECT 1, m.id, m.image, m.alt, NULL, NULL, m.sort_order"
    " FROM catalog_productmedia m WHERE m.product_id = %s"
    " ORDER BY 1, 7, 2"
)


def variants_and_photos(product_id: int, *, fallback_label: str) -> tuple[list[dict], list]:
    """The product's variants as choices (``id``, ``label``, ``price``, ``available``) and its
    photos as ``Photo`` (``None`` for one not stored yet: the page shows a placeholder)."""
    rows = fetch_prepared(VARIANTS_AND_PHOTOS_SQL, [product_id, product_id])
    variants, photos = [], []
    for kind, pk, text, more, price, available, _order in rows:
        if kind == 0:
            label = variant_label(text, json.loads(more) if more else {})
            variants.append(
                {"id": pk, "label": label or fallback_label, "price": price, "available": available}
            )
        else:
            photos.append(Photo(pk, text, more) if text else None)
    return variants, photos
