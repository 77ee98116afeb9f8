"""Creating and updating products, variants, stock and images.

The spreadsheet importer, the group portal and curation all change the catalog through these
functions. ``save_products`` works on a batch (a few queries per batch, not per row) so that an
import of tens of thousands of rows stays fast; the single-object helpers wrap it.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from psycopg.types.json import Jsonb

from marketplace.core import audit
from marketplace.core.errors import DomainError
from marketplace.core.images import validate_image_bytes
from marketplace.core.storage import STORAGE_ERRORS

from .models import (
    Category,
    Product,
    ProductMedia,
    ProductStatus,
    ProductVariant,
    SearchWord,
    Stock,
)
from .search import forget_word_lookups

PRODUCT_FIELDS = ("category_id", "name", "description", "permit_number", "halal_number")
VARIANT_FIELDS = ("price", "weight_g", "options", "name")

logger = logging.getLogger("marketplace.catalog")


class CatalogErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    OTHER_GROUP_PRODUCT = "other_group_product"
    STOCK_BELOW_ALLOCATED = "stock_below_allocated"
    INVALID = "invalid"
    STORAGE_UNAVAILABLE = "storage_unavailable"


class CatalogError(DomainError):
    pass


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class VariantData:
    """A variant as it should be; ``stock`` None leaves the group's stock as it is."""

    sku: str
    price: int
    weight_g: int
    options: dict = field(default_factory=dict)
    name: str = ""
    stock: int | None = None


@dataclass
class ProductData:
    """A product as it should be. ``product_id`` names the product to update (None: create).

    Optional text fields left as None are not touched on an existing product.
    """

    group_id: int
    category_id: int
    name: str
    variants: list[VariantData]
    product_id: int | None = None
    description: str | None = None
    permit_number: str | None = None
    halal_number: str | None = None


@dataclass
class ProductResult:
    product: Product
    action: Action  # of the product itself
    variant_actions: dict  # sku → Action (a variant whose stock changed counts as updated)


def save_products(items: Sequence[ProductData], *, actor=None) -> list[ProductResult]:
    """Create or update a batch of products with their variants and stock, in one transaction.

    Nothing of another group is ever changed: a SKU or product that belongs to another group
    refuses the whole batch with ``other_group_product``.
    """
    with transaction.atomic():
        products = _locked_products(items)
        variants = _locked_variants(items)
        _check_ownership(items, products, variants)
        categories = _categories()
        now = timezone.now()
        results = [
            _product_result(item, products.get(item.product_id), categories, now) for item in items
        ]
        _write_products(results, now)
        new_skus = _save_variants(items, results, variants, now)
        _save_stocks(items, results, variants, new_skus)
        if actor is not None:
            for result in results:
                if result.action == Action.CREATED:
                    audit.record(actor, result.product, "product_imported")
    return results


def _locked_products(items: Sequence[ProductData]) -> dict:
    ids = sorted({i.product_id for i in items if i.product_id})
    queryset = Product.objects.filter(pk__in=ids)  # categories come from _categories()
    return {p.pk: p for p in queryset.order_by("pk").select_for_update(of=("self",))}


def _locked_variants(items: Sequence[ProductData]) -> dict:
    skus = sorted({v.sku for i in items for v in i.variants})
    queryset = ProductVariant.objects.filter(sku__in=skus).annotate(
        owner_group_id=F("product__group_id"), owner_name=F("product__name")
    )
    return {v.sku: v for v in queryset.order_by("pk").select_for_update(of=("self",))}


def _check_ownership(items, products: dict, variants: dict) -> None:
    for item in items:
        if item.product_id and item.product_id not in products:
            raise CatalogError(CatalogErrorCode.NOT_FOUND, _("The product does not exist."))
        product = products.get(item.product_id)
        if product is not None and product.group_id != item.group_id:
            raise _other_group(product.name)
        for data in item.variants:
            variant = variants.get(data.sku)
            if variant is not None and variant.owner_group_id != item.group_id:
                raise _other_group(variant.owner_name, sku=data.sku)


def _other_group(name: str, sku: str = "") -> CatalogError:
    message = _("“%(name)s” belongs to another group; it is not changed.") % {"name": name}
    if sku:
        message = _("SKU %(sku)s belongs to “%(name)s” of another group; it is not changed.") % {
            "sku": sku,
            "name": name,
        }
    return CatalogError(CatalogErrorCode.OTHER_GROUP_PRODUCT, message, field="sku")


def insert_rows(model, objects: list) -> None:
    """Insert new rows fast: PostgreSQL's COPY with ids taken from the sequence first.

    The ORM's ``bulk_create`` spends most of an import's time preparing values one by one; COPY
    takes plain Python values. Timestamps must be set by the caller (no ``auto_now`` here).
    Other databases (SQLite for local use) use ``bulk_create``.
    """
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects)
        return
    meta = model._meta
    table = meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        fields = meta.concrete_fields
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
        with cursor.connection.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row(
                    [
                        Jsonb(getattr(obj, f.attname))
                        if f.attname in json_fields
                        else getattr(obj, f.attname)
                        for f in fields
                    ]
                )
    for obj in objects:
        obj._state.adding = False
        obj._state.db = "default"


def _categories() -> dict:
    """Every category with its parent attached, so permit and halal rules need no queries."""
    by_id = {c.pk: c for c in Category.objects.all()}
    for category in by_id.values():
        if category.parent_id:
            category.parent = by_id[category.parent_id]
    return by_id


def _product_result(item: ProductData, product, categories: dict, now) -> ProductResult:
    if item.category_id not in categories:
        raise CatalogError(CatalogErrorCode.NOT_FOUND, _("The category does not exist."))
    wanted = {"category_id": item.category_id, "name": item.name}
    for name in ("description", "permit_number", "halal_number"):
        if getattr(item, name) is not None:
            wanted[name] = getattr(item, name)
    if product is None:
        product = Product(group_id=item.group_id, status=ProductStatus.DRAFT, **wanted)
        product.category = categories[item.category_id]
        if not product.publication_problems():
            product.status, product.submitted_at = ProductStatus.SUBMITTED, now
        return ProductResult(product, Action.CREATED, {})
    changed = [name for name, value in wanted.items() if getattr(product, name) != value]
    for name in changed:
        setattr(product, name, wanted[name])
    product.category = categories[product.category_id]
    problems = product.publication_problems()
    if problems and product.status in (ProductStatus.SUBMITTED, ProductStatus.APPROVED):
        product.status = ProductStatus.DRAFT  # a permit or halal number was taken away
        changed.append("status")
    elif not problems and product.status == ProductStatus.DRAFT:
        product.status, product.submitted_at = ProductStatus.SUBMITTED, now
        changed.append("status")
    return ProductResult(product, Action.UPDATED if changed else Action.UNCHANGED, {})


def _write_products(results: list[ProductResult], now) -> None:
    new = [r.product for r in results if r.action == Action.CREATED]
    _assign_slugs(new)
    for product in new:
        product.created_at = product.updated_at = now
    insert_rows(Product, new)
    changed = [r.product for r in results if r.action == Action.UPDATED]
    for product in changed:
        product.updated_at = now
    Product.objects.bulk_update(
        changed, [*PRODUCT_FIELDS, "status", "submitted_at", "updated_at"], batch_size=500
    )


def _assign_slugs(products: list[Product]) -> None:
    """Readable unique slugs: the name, else the name and a number."""
    bases = [slugify(p.name)[:200] or "produk" for p in products]
    taken = set(Product.objects.filter(slug__in=set(bases)).values_list("slug", flat=True))
    for product, base in zip(products, bases, strict=True):
        slug, counter = base, 1
        while slug in taken:
            counter += 1
            slug = f"{base}-{counter}"
            if slug not in taken and Product.objects.filter(slug=slug).exists():
                taken.add(slug)
        taken.add(slug)
        product.slug = slug


def _save_variants(items, results, variants: dict, now) -> set:
    """Create and update variants; returns the SKUs of variants that are new."""
    new, changed_variants = [], []
    for item, result in zip(items, results, strict=True):
        product_touched = result.action != Action.UNCHANGED
        for position, data in enumerate(item.variants):
            variant = variants.get(data.sku)
            wanted = {
                "price": data.price,
                "weight_g": data.weight_g,
                "options": data.options,
                "name": data.name,
            }
            if variant is None:
                variant = ProductVariant(
                    product=result.product, sku=data.sku, sort_order=position, **wanted
                )
                new.append(variant)
                variants[data.sku] = variant
                result.variant_actions[data.sku] = Action.CREATED
                continue
            changed = [name for name, value in wanted.items() if getattr(variant, name) != value]
            if variant.product_id != result.product.pk:
                variant.product = result.product
                changed.append("product")
            for name in changed:
                if name != "product":
                    setattr(variant, name, wanted[name])
            if changed:
                variant.updated_at = now
                changed_variants.append(variant)
            touched = changed or product_touched
            result.variant_actions[data.sku] = Action.UPDATED if touched else Action.UNCHANGED
    for variant in new:
        variant.created_at = variant.updated_at = now
    insert_rows(ProductVariant, new)
    ProductVariant.objects.bulk_update(
        changed_variants, [*VARIANT_FIELDS, "product", "updated_at"], batch_size=500
    )
    return {v.sku for v in new}


def _save_stocks(items, results, variants: dict, new_skus: set) -> None:
    """Each variant is stocked by its product's group; ``stock`` None keeps the quantity."""
    wanted = {}
    for item, result in zip(items, results, strict=True):
        for data in item.variants:
            variant = variants[data.sku]
            if data.stock is not None or data.sku in new_skus:
                wanted[(variant.pk, item.group_id)] = (data.stock or 0, result, data.sku)
    if not wanted:
        return
    existing = {
        (s.variant_id, s.group_id): s
        for s in Stock.objects.filter(
            variant_id__in={k[0] for k in wanted}, group_id__in={k[1] for k in wanted}
        )
        .order_by("pk")
        .select_for_update(of=("self",))
    }
    new, changed = [], []
    for key, (quantity, result, sku) in wanted.items():
        stock = existing.get(key)
        if stock is None:
            new.append(Stock(variant_id=key[0], group_id=key[1], quantity=quantity))
        elif stock.quantity != quantity:
            if quantity < stock.quantity_allocated:
                raise CatalogError(
                    CatalogErrorCode.STOCK_BELOW_ALLOCATED,
                    _(
                        "SKU %(sku)s has %(allocated)s items reserved by orders; "
                        "the stock cannot be set to %(quantity)s."
                    )
                    % {"sku": sku, "allocated": stock.quantity_allocated, "quantity": quantity},
                    field="stock",
                )
            stock.quantity = quantity
            changed.append(stock)
            if result.variant_actions.get(sku) == Action.UNCHANGED:
                result.variant_actions[sku] = Action.UPDATED
    insert_rows(Stock, new)
    Stock.objects.bulk_update(changed, ["quantity"], batch_size=500)


def create_product(data: ProductData, *, actor=None) -> Product:
    """Create one product with its variants (``data.product_id`` must be None)."""
    if data.product_id is not None:
        raise CatalogError(CatalogErrorCode.INVALID, _("The product already exists."))
    return save_products([data], actor=actor)[0].product


def set_stock(variant_id: int, *, group_id: int, quantity: int, actor=None) -> Stock:
    """Set how many of a variant a group holds; never below what orders have reserved."""
    if quantity < 0:
        raise CatalogError(
            CatalogErrorCode.INVALID, _("The stock cannot be negative."), field="quantity"
        )
    with transaction.atomic():
        stock = (
            Stock.objects.select_for_update(of=("self",))
            .filter(variant_id=variant_id, group_id=group_id)
            .first()
        )
        if stock is None:
            stock = Stock.objects.create(
                variant_id=variant_id, group_id=group_id, quantity=quantity
            )
        elif quantity < stock.quantity_allocated:
            raise CatalogError(
                CatalogErrorCode.STOCK_BELOW_ALLOCATED,
                _("%(allocated)s items are reserved by orders; the stock cannot be lower.")
                % {"allocated": stock.quantity_allocated},
                field="quantity",
            )
        elif stock.quantity != quantity:
            changes = {"quantity": [stock.quantity, quantity]}
            stock.quantity = quantity
            stock.save(update_fields=["quantity"])
            if actor is not None:
                audit.record(actor, stock, "stock_set", changes)
    return stock


def add_product_image(
    product_id: int, *, filename: str, content: bytes, alt: str = ""
) -> tuple[ProductMedia, bool]:
    """Attach an image file once: the same file name on the same product is not added twice."""
    validate_image_bytes(content)
    product = Product.objects.select_related("group").get(pk=product_id)
    stem, extension = _safe_name(filename)
    prefix = f"products/{slugify(product.group.code)}/{product.pk}-{stem}"
    existing = product.media.filter(
        image__startswith=prefix, image__endswith=f".{extension}"
    ).first()
    if existing is not None:
        return existing, False
    media = ProductMedia(product=product, alt=alt[:250], sort_order=product.media.count())
    try:
        media.image.save(
            f"{prefix}.{extension}".removeprefix("products/"), ContentFile(content), save=False
        )
    except STORAGE_ERRORS:
        logger.exception("photo of product %s could not be stored", product.pk)
        raise storage_unavailable_error() from None
    media.save()
    return media, True


def storage_unavailable_error() -> CatalogError:
    """The photo store (disk or bucket) cannot be reached: the caller rolls everything back."""
    return CatalogError(
        CatalogErrorCode.STORAGE_UNAVAILABLE,
        _(
            "The photo could not be stored right now, so nothing was saved. "
            "Please try again in a few minutes."
        ),
        field="photo",
    )


def add_product_image_url(product_id: int, *, url: str, alt: str = "") -> tuple[ProductMedia, bool]:
    """Record an image to be fetched later (the caller queues the fetch after commit)."""
    media, created = ProductMedia.objects.get_or_create(
        product_id=product_id,
        source_url=url[:500],
        defaults={
            "alt": alt[:250],
            "sort_order": ProductMedia.objects.filter(product_id=product_id).count(),
        },
    )
    return media, created


def _safe_name(filename: str) -> tuple[str, str]:
    stem, dot, extension = filename.replace("\\", "/").rsplit("/", 1)[-1].rpartition(".")
    if not dot:
        stem, extension = extension, "jpg"
    return slugify(stem)[:80] or "gambar", slugify(extension)[:5] or "jpg"


def approve_products_without_review(product_ids: Sequence[int], *, actor=None) -> int:
    """Approve products that meet the publication rules (demo data, trusted bulk loads).

    Curation's ``approve_product`` is the reviewed path with its notices; this one is for data
    that staff have already checked outside the marketplace. Returns how many were approved.
    """
    approved = 0
    now = timezone.now()
    with transaction.atomic():
        products = (
            Product.objects.filter(pk__in=sorted(set(product_ids)))
            .exclude(status=ProductStatus.APPROVED)
            .select_related("category__parent")
            .order_by("pk")
            .select_for_update(of=("self",))
        )
        for product in products:
            if product.publication_problems():
                continue
            product.status, product.approved_at = ProductStatus.APPROVED, now
            product.rejection_reason = ""
            product.save(update_fields=["status", "approved_at", "rejection_reason", "updated_at"])
            if actor is not None:
                audit.record(actor, product, "product_approved")
            approved += 1
    return approved


def attach_fetched_image(media_id: int, *, content: bytes, filename: str) -> bool:
    """Store the downloaded file of an image that was waiting for it; False if already done."""
    validate_image_bytes(content)
    media = ProductMedia.objects.select_related("product__group").filter(pk=media_id).first()
    if media is None or media.image:
        return False
    stem, extension = _safe_name(filename)
    prefix = f"{slugify(media.product.group.code)}/{media.product_id}-{stem}"
    media.image.save(f"{prefix}.{extension}", ContentFile(content), save=False)
    claimed = ProductMedia.objects.filter(pk=media_id, image="").update(image=media.image.name)
    if not claimed:
        media.image.storage.delete(media.image.name)
    return bool(claimed)


# The words of product names as the 'simple' text-search configuration splits them (the same
# parser as ``search_vector``), with the number of products using each. Plain numbers ("250") and
# parser compounds ("e-mail", "1.5") stay out: nobody wants a number "corrected" to another one.
_NAME_WORDS_SQL = (
    "SELECT word, ndoc FROM ts_stat($$SELECT to_tsvector('simple'::regconfig, "
    "COALESCE(name, '') || ' ' || COALESCE(name_en, '')) FROM catalog_product$$) "
    "WHERE length(word) <= 64 AND word ~ '[[:alpha:]]' AND word !~ '[^[:alnum:]]'"
)


def refresh_search_words() -> int:
    """Rebuild the vocabulary search corrects typos against; returns how many words it holds.

    One statement (so one transaction): words no product uses any more go, new ones come, and
    unchanged rows are not rewritten, so running it every few minutes leaves little to vacuum.
    SQLite's search fallback does not use the vocabulary, so there it does nothing.
    """
    if connection.vendor != "postgresql":
        return 0
    table = SearchWord._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"WITH fresh AS ({_NAME_WORDS_SQL}), "  # noqa: S608 - constant SQL, no input
            f"gone AS (DELETE FROM {table} AS old "
            "WHERE NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.word = old.word)) "
            f"INSERT INTO {table} AS kept (word, documents) SELECT word, ndoc FROM fresh "
            "ON CONFLICT (word) DO UPDATE SET documents = EXCLUDED.documents "
            "WHERE kept.documents <> EXCLUDED.documents"
        )
        count = SearchWord.objects.count()
    forget_word_lookups()  # this worker sees the new vocabulary at once (others within a minute)
    return count
