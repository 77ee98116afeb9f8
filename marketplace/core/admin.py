from django.contrib import admin
from unfold.admin import ModelAdmin

from marketplace.curation.scoping import ProvinceScopedAdminMixin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ProvinceScopedAdminMixin, ModelAdmin):
    """The audit log, read-only; province staff read their province's entries only."""

    province_path = "province_code"
    list_display = ["created_at", "actor", "action", "object_type", "object_repr", "province_code"]
    list_filter = ["action", "object_type", "province_code"]
    search_fields = ["object_repr", "object_id", "actor__email"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
