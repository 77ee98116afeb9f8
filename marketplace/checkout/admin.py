"""Shipping rates: national staff edit them, province staff read them."""

from django.contrib import admin
from unfold.admin import ModelAdmin

from marketplace.curation.scoping import is_reporting_staff

from .models import ShippingRate


@admin.register(ShippingRate)
class ShippingRateAdmin(ModelAdmin):
    list_display = [
        "scope",
        "origin_province",
        "destination_province",
        "price_per_kg",
        "minimum_price",
        "is_active",
        "updated_at",
    ]
    list_editable = ["price_per_kg", "minimum_price", "is_active"]
    list_filter = ["scope", "is_active", "origin_province"]
    autocomplete_fields = ["origin_province", "destination_province"]
    fields = [
        "scope",
        ("origin_province", "destination_province"),
        ("price_per_kg", "minimum_price"),
        "is_active",
    ]

    def _national(self, request) -> bool:
        return bool(
            request.user.is_active and request.user.is_staff and request.user.is_national_staff
        )

    def has_module_permission(self, request):
        return is_reporting_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_reporting_staff(request.user)

    def has_add_permission(self, request):
        return self._national(request)

    def has_change_permission(self, request, obj=None):
        return self._national(request)

    def has_delete_permission(self, request, obj=None):
        return self._national(request)
