"""The review queue and the member invitations in the admin, scoped to the staff province."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin

from .admin_actions import approve_selected_revisions
from .admin_support import ScopedProvinceFilter, ScopedRegencyFilter
from .models import MemberInvitation, ProductRevision, RevisionStatus
from .scoping import ProvinceScopedAdminMixin
from .services import queue_unreviewed_submissions


class RevisionProvinceFilter(ScopedProvinceFilter):
    lookup = "product__group__regency__province"


class RevisionRegencyFilter(ScopedRegencyFilter):
    lookup = "product__group__regency"


class RevisionStatusFilter(admin.SimpleListFilter):
    """Pending requests unless another status (or all) is chosen."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*RevisionStatus.choices, ("all", _("All"))]

    def choices(self, changelist):
        value = self.value() or RevisionStatus.PENDING
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or RevisionStatus.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


@admin.register(ProductRevision)
class ProductRevisionAdmin(ProvinceScopedAdminMixin, ModelAdmin):
    """Oldest submission first; open one to compare it with the live version."""

    province_path = "product__group__regency__province"
    list_display = [
        "review_link",
        "group",
        "regency",
        "category",
        "kind",
        "status",
        "submitted_at",
    ]
    list_filter = [
        RevisionStatusFilter,
        RevisionProvinceFilter,
        RevisionRegencyFilter,
        ("product__category", admin.RelatedOnlyFieldListFilter),
        "kind",
    ]
    search_fields = ["product__name", "product__group__name", "product__group__code"]
    list_select_related = ["product__group__regency", "product__category"]
    ordering = ["submitted_at", "pk"]
    actions = [approve_selected_revisions]
    curator_can_add = False

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("submitted_at", "pk")

    def changelist_view(self, request, extra_context=None):
        queue_unreviewed_submissions()  # imported products enter the queue like the others
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.get_object(request, object_id)  # 404 outside the province
        return redirect("curation:review", int(object_id))

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("product"), ordering="product__name")
    def review_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("curation:review", args=[obj.pk]), obj.product.name
        )

    @admin.display(description=_("group"), ordering="product__group__name")
    def group(self, obj):
        return obj.product.group

    @admin.display(description=_("regency / city"))
    def regency(self, obj):
        return obj.product.group.regency

    @admin.display(description=_("category"))
    def category(self, obj):
        return obj.product.category


@admin.register(MemberInvitation)
class MemberInvitationAdmin(ProvinceScopedAdminMixin, ModelAdmin):
    """Invitations sent; a new one is sent from the group's "invite a member" page."""

    province_path = "group__regency__province"
    list_display = [
        "group",
        "name",
        "email",
        "phone",
        "channel",
        "role",
        "expires_at",
        "accepted_at",
    ]
    list_filter = ["channel", "role"]
    search_fields = ["group__name", "email", "phone", "name"]
    list_select_related = ["group"]
    exclude = ["token_hash"]
    readonly_fields = [
        "group",
        "name",
        "email",
        "phone",
        "channel",
        "role",
        "expires_at",
        "invited_by",
        "accepted_at",
        "accepted_user",
        "created_at",
    ]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False
