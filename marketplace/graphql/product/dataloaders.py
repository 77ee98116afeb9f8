"""Loaders for the catalog: one query per loader per request level, whatever the page size."""

from django.db.models import F, Sum
from django.db.models.functions import Greatest

from marketplace.catalog.models import Category, Product, ProductMedia, ProductVariant, Stock
from marketplace.groups.models import UppksGroup

from ..core.dataloaders import DataLoader, ModelByIdLoader, group_by


class CategoryByIdLoader(ModelByIdLoader):
    model = Category


class ProductByIdLoader(ModelByIdLoader):
    model = Product


class ProductVariantByIdLoader(ModelByIdLoader):
    model = ProductVariant


class UppksGroupByIdLoader(ModelByIdLoader):
    model = UppksGroup

    def get_queryset(self):
        return UppksGroup.objects.select_related("regency__province", "district")


class ProductVariantsByProductIdLoader(DataLoader):
    def batch_load(self, keys):
        variants = group_by(
            ProductVariant.objects.filter(product_id__in=keys).order_by(
                "product_id", "sort_order", "pk"
            ),
            lambda variant: variant.product_id,
        )
        loader = ProductVariantByIdLoader(self.context)
        for rows in variants.values():
            for variant in rows:
                loader.prime(variant.pk, variant)
        return [variants.get(key, []) for key in keys]


class MediaByProductIdLoader(DataLoader):
    def batch_load(self, keys):
        media = group_by(
            ProductMedia.objects.filter(product_id__in=keys).order_by(
                "product_id", "sort_order", "pk"
            ),
            lambda item: item.product_id,
        )
        return [media.get(key, []) for key in keys]


class QuantityAvailableByVariantIdLoader(DataLoader):
    """Units that can still be sold, summed over the active groups that stock the variant."""

    def batch_load(self, keys):
        rows = (
            Stock.objects.filter(variant_id__in=keys, group__is_active=True)
            .values("variant_id")
            .annotate(available=Sum(Greatest(F("quantity") - F("quantity_allocated"), 0)))
        )
        available = {row["variant_id"]: row["available"] or 0 for row in rows}
        return [available.get(key, 0) for key in keys]


class StocksByVariantIdLoader(DataLoader):
    def batch_load(self, keys):
        stocks = group_by(
            Stock.objects.filter(variant_id__in=keys).order_by("variant_id", "pk"),
            lambda stock: stock.variant_id,
        )
        return [stocks.get(key, []) for key in keys]


class CategoryChildrenCountByIdLoader(DataLoader):
    def batch_load(self, keys):
        counts = {}
        for parent_id in Category.objects.filter(parent_id__in=keys).values_list(
            "parent_id", flat=True
        ):
            counts[parent_id] = counts.get(parent_id, 0) + 1
        return [counts.get(key, 0) for key in keys]
