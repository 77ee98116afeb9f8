"""Groups, members, partners and partnerships in the admin, scoped to the staff user's province.

Groups are deactivated, not deleted, so their orders, products and ledger stay intact.
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from unfold.admin import ModelAdmin, TabularInline

from marketplace.curation.admin_actions import (
    deactivate_selected_groups,
    reactivate_selected_groups,
)
from marketplace.curation.admin_support import (
    AuditedScopedAdmin,
    ScopedProvinceFilter,
    ScopedRegencyFilter,
)
from marketplace.curation.labels import (
    ACTIVE_PARTNERSHIPS_LABEL,
    INVITE_LABEL,
    INVITE_LINK_TEXT,
    MEMBERS_LABEL,
)
from marketplace.curation.scoping import ALL_PROVINCES, ProvinceScopedInlineMixin, staff_scope

from .models import GroupMember, Partner, Partnership, UppksGroup


class ProvinceFilter(ScopedProvinceFilter):
    lookup = "regency__province"


class GroupProvinceFilter(ScopedProvinceFilter):
    lookup = "group__regency__province"


class GroupMemberInline(ProvinceScopedInlineMixin, TabularInline):
    model = GroupMember
    extra = 0
    autocomplete_fields = ["user"]


class PartnershipInline(ProvinceScopedInlineMixin, TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["partner"]


@admin.register(UppksGroup)
class UppksGroupAdmin(AuditedScopedAdmin, ModelAdmin):
    province_path = "regency__province"
    list_display = [
        "code",
        "name",
        "regency",
        "leader_name",
        "phone",
        "member_count",
        "active_partnership_count",
        "is_active",
    ]
    list_filter = [ProvinceFilter, ScopedRegencyFilter, "is_active"]
    search_fields = ["code", "name", "leader_name", "regency__name", "village"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["regency", "district"]
    list_select_related = ["regency"]
    inlines = [GroupMemberInline, PartnershipInline]
    actions = [deactivate_selected_groups, reactivate_selected_groups]
    readonly_fields = ["invite_member"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _regions_in_scope(db_field, request, formfield)

    @admin.display(description=INVITE_LABEL)
    def invite_member(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("curation:invite", args=[obj.pk]), INVITE_LINK_TEXT
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _members=Count("members", filter=Q(members__is_active=True), distinct=True),
                _partnerships=Count(
                    "partnerships", filter=Q(partnerships__is_active=True), distinct=True
                ),
            )
        )

    @admin.display(description=MEMBERS_LABEL, ordering="_members")
    def member_count(self, obj):
        return obj._members

    @admin.display(description=ACTIVE_PARTNERSHIPS_LABEL, ordering="_partnerships")
    def active_partnership_count(self, obj):
        return obj._partnerships


def _regions_in_scope(db_field, request, formfield):
    """Province staff place groups and partners only in their own province."""
    scope = staff_scope(request.user)
    if formfield is None or scope is ALL_PROVINCES:
        return formfield
    if db_field.name == "regency":
        formfield.queryset = formfield.queryset.filter(province_id=scope)
    elif db_field.name == "district":
        formfield.queryset = formfield.queryset.filter(regency__province_id=scope)
    return formfield


@admin.register(Partner)
class PartnerAdmin(AuditedScopedAdmin, ModelAdmin):
    # A partner is seen by the staff of its own province and of every partnered group's province.
    province_path = ("regency__province", "partnerships__group__regency__province")
    list_display = ["name", "kind", "regency", "contact_name", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "contact_name"]
    autocomplete_fields = ["regency", "buyers"]
    inlines = [PartnershipInline]

    def has_change_permission(self, request, obj=None):
        national = staff_scope(request.user) is ALL_PROVINCES
        if obj is not None and obj.regency_id is None and not national:
            return False  # a national partner is shared by every province
        return super().has_change_permission(request, obj)

    def scope_queryset(self, queryset, request):
        """National partners (no regency) can be linked by the staff of any province."""
        scoped = super().scope_queryset(queryset, request)
        if staff_scope(request.user) in (None, ALL_PROVINCES):
            return scoped
        return queryset.filter(Q(pk__in=scoped.values("pk")) | Q(regency__isnull=True))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _regions_in_scope(db_field, request, formfield)


@admin.register(Partnership)
class PartnershipAdmin(AuditedScopedAdmin, ModelAdmin):
    province_path = "group__regency__province"
    list_display = ["group", "partner", "since", "is_active"]
    list_filter = ["is_active", "partner__kind", GroupProvinceFilter]
    search_fields = ["group__name", "partner__name"]
    autocomplete_fields = ["group", "partner"]
    list_select_related = ["group", "partner"]
