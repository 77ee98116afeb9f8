from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline

from marketplace.regions.models import Province

from .models import GroupMember, Partner, Partnership, UppksGroup


class ProvinceFilter(admin.SimpleListFilter):
    title = _("province")
    parameter_name = "province"
    lookup = "regency__province"

    def lookups(self, request, model_admin):
        return Province.objects.values_list("code", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.lookup}_id": self.value()})
        return queryset


class GroupMemberInline(TabularInline):
    model = GroupMember
    extra = 0
    autocomplete_fields = ["user"]


class PartnershipInline(TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["partner"]


@admin.register(UppksGroup)
class UppksGroupAdmin(ModelAdmin):
    list_display = ["code", "name", "regency", "leader_name", "phone", "is_active"]
    list_filter = [ProvinceFilter, "is_active"]
    search_fields = ["code", "name", "leader_name", "regency__name", "village"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["regency", "district"]
    list_select_related = ["regency"]
    inlines = [GroupMemberInline, PartnershipInline]


@admin.register(Partner)
class PartnerAdmin(ModelAdmin):
    list_display = ["name", "kind", "regency", "contact_name", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "contact_name"]
    autocomplete_fields = ["regency", "buyers"]


@admin.register(Partnership)
class PartnershipAdmin(ModelAdmin):
    list_display = ["group", "partner", "since", "is_active"]
    list_filter = ["is_active", "partner__kind"]
    search_fields = ["group__name", "partner__name"]
    autocomplete_fields = ["group", "partner"]
