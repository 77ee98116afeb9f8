from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, StackedInline, TabularInline

from marketplace.groups.admin import ProvinceFilter

from .models import Category, Product, ProductMedia, ProductVariant, Stock


class ProductProvinceFilter(ProvinceFilter):
    lookup = "group__regency__province"


class StockInline(TabularInline):
    model = Stock
    extra = 0
    autocomplete_fields = ["group"]
    fields = ["group", "quantity", "quantity_allocated"]
    readonly_fields = ["quantity_allocated"]


class VariantInline(StackedInline):
    model = ProductVariant
    extra = 0
    fields = [("sku", "name"), ("price", "partner_price", "weight_g"), "options"]
    show_change_link = True


class MediaInline(TabularInline):
    model = ProductMedia
    extra = 0
    fields = ["image", "alt", "sort_order", "source_url"]


@admin.register(Category)
class CategoryAdmin(ModelAdmin):
    list_display = ["name", "name_en", "parent", "slug", "requires_permit"]
    list_filter = ["requires_permit", "parent"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Product)
class ProductAdmin(ModelAdmin):
    list_display = [
        "name",
        "group",
        "category",
        "status",
        "permit_number",
        "halal_number",
        "created_at",
    ]
    list_filter = ["status", ProductProvinceFilter, "category", "group"]
    search_fields = ["name", "name_en", "slug", "variants__sku", "group__name", "group__code"]
    autocomplete_fields = ["group", "category"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["group", "category", "category__parent"]
    inlines = [VariantInline, MediaInline]
    readonly_fields = ["submitted_at", "approved_at", "created_at", "updated_at"]


@admin.register(ProductVariant)
class ProductVariantAdmin(ModelAdmin):
    list_display = ["sku", "product", "label", "price", "weight_g"]
    list_filter = [("product__group", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["sku", "name", "product__name"]
    autocomplete_fields = ["product"]
    list_select_related = ["product"]
    inlines = [StockInline]

    @admin.display(description=_("variant"))
    def label(self, obj):
        return obj.label


@admin.register(Stock)
class StockAdmin(ModelAdmin):
    list_display = ["variant", "group", "quantity", "quantity_allocated"]
    list_filter = [("group", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["variant__sku", "variant__product__name", "group__name"]
    autocomplete_fields = ["variant", "group"]
    list_select_related = ["variant__product", "group"]
