from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin

from marketplace.curation.scoping import ALL_PROVINCES, staff_scope

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(ModelAdmin):
    """The audit trail of imports: read only; new imports start at /admin/import/."""

    list_display = ["created_at", "original_name", "kind", "status", "created_by", "source", "page"]
    list_filter = ["kind", "status", "source"]
    search_fields = ["original_name", "created_by__email"]
    list_select_related = ["created_by"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if staff_scope(request.user) is ALL_PROVINCES:
            return queryset
        return queryset.filter(created_by=request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("report"))
    def page(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("catalog_import:run", args=[obj.pk]), _("open")
        )
