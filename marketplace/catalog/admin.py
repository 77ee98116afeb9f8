"""Catalog in the admin, scoped to the staff user's province; every edit is audited.

Curation status is not edited by hand: products are approved or rejected through the curation
services (review queue, or the actions here), which check the permit and halal rules.
"""

from django.contrib import admin
from django.db import models
from unfold.admin import ModelAdmin, StackedInline, TabularInline

from marketplace.curation.admin_actions import approve_selected_products
from marketplace.curation.admin_support import (
    AuditedScopedAdmin,
    ScopedProvinceFilter,
    ScopedRegencyFilter,
)
from marketplace.curation.labels import VARIANT_LABEL
from marketplace.curation.scoping import (
    ALL_PROVINCES,
    ProvinceScopedInlineMixin,
    is_reporting_staff,
    staff_scope,
)

from .models import Category, Product, ProductMedia, ProductVariant, Stock


class ProductProvinceFilter(ScopedProvinceFilter):
    lookup = "group__regency__province"


class ProductRegencyFilter(ScopedRegencyFilter):
    lookup = "group__regency"


class StockInline(ProvinceScopedInlineMixin, TabularInline):
    model = Stock
    extra = 0
    autocomplete_fields = ["group"]
    fields = ["group", "quantity", "quantity_allocated"]
    readonly_fields = ["quantity_allocated"]


class VariantInline(ProvinceScopedInlineMixin, StackedInline):
    model = ProductVariant
    extra = 0
    fields = [("sku", "name"), ("price", "partner_price", "weight_g"), "options"]
    show_change_link = True


class MediaInline(ProvinceScopedInlineMixin, TabularInline):
    model = ProductMedia
    extra = 0
    fields = ["image", "alt", "sort_order", "source_url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Category)
class CategoryAdmin(ModelAdmin):
    list_display = ["name", "name_en", "parent", "slug", "requires_permit"]
    list_filter = ["requires_permit", "parent"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def has_module_permission(self, request):
        return is_reporting_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_reporting_staff(request.user)

    def has_add_permission(self, request):
        return staff_scope(request.user) is ALL_PROVINCES

    def has_change_permission(self, request, obj=None):
        return staff_scope(request.user) is ALL_PROVINCES

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Product)
class ProductAdmin(AuditedScopedAdmin, ModelAdmin):
    province_path = "group__regency__province"
    list_display = [
        "name",
        "group",
        "category",
        "status",
        "permit_number",
        "halal_number",
        "created_at",
    ]
    list_filter = ["status", ProductProvinceFilter, ProductRegencyFilter, "category", "group"]
    search_fields = ["name", "name_en", "slug", "variants__sku", "group__name", "group__code"]
    autocomplete_fields = ["group", "category"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["group", "category", "category__parent"]
    inlines = [VariantInline, MediaInline]
    readonly_fields = [
        "status",
        "rejection_reason",
        "submitted_at",
        "approved_at",
        "created_at",
        "updated_at",
    ]
    actions = [approve_selected_products]


@admin.register(ProductVariant)
class ProductVariantAdmin(AuditedScopedAdmin, ModelAdmin):
    province_path = "product__group__regency__province"
    list_display = ["sku", "product", "label", "price", "weight_g"]
    list_filter = [("product__group", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["sku", "name", "product__name"]
    autocomplete_fields = ["product"]
    list_select_related = ["product"]
    inlines = [StockInline]

    @admin.display(description=VARIANT_LABEL)
    def label(self, obj):
        return obj.label


@admin.register(Stock)
class StockAdmin(AuditedScopedAdmin, ModelAdmin):
    province_path = "group__regency__province"
    list_display = ["variant", "group", "quantity", "quantity_allocated"]
    list_filter = [("group", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["variant__sku", "variant__product__name", "group__name"]
    autocomplete_fields = ["variant", "group"]
    list_select_related = ["variant__product", "group"]
    readonly_fields = ["quantity_allocated"]
