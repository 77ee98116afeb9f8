"""Partner accounts for staff: the directory, approval / rejection, credit limits (all scoped)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline

from marketplace.core.errors import DomainError
from marketplace.curation.admin_support import AuditedScopedAdmin, ScopedProvinceFilter

from . import services
from .models import AccountStatus, PartnerAccount, PartnerContact, PartnerUser, WholesaleOffer


class AccountProvinceFilter(ScopedProvinceFilter):
    lookup = "district__regency__province"


class PartnerUserInline(TabularInline):
    model = PartnerUser
    extra = 0
    autocomplete_fields = ["user"]


class PartnerContactInline(TabularInline):
    model = PartnerContact
    extra = 0


@admin.register(PartnerAccount)
class PartnerAccountAdmin(AuditedScopedAdmin, ModelAdmin):
    province_path = "district__regency__province"
    list_display = ["partner", "partner_kind", "status", "district", "credit_limit", "created_at"]
    list_filter = ["status", "partner__kind", AccountProvinceFilter]
    search_fields = ["partner__name", "npwp", "users__user__email"]
    list_select_related = ["partner", "district"]
    readonly_fields = ["status", "source", "decided_by", "decided_at", "partner"]
    fields = [
        "partner",
        "status",
        "source",
        "npwp",
        "district",
        "address",
        "looking_for",
        "credit_limit",
        "rejection_reason",
        "decided_by",
        "decided_at",
    ]
    autocomplete_fields = ["district"]
    inlines = [PartnerUserInline, PartnerContactInline]
    actions = ["approve_selected"]

    @admin.display(description=_("kind"), ordering="partner__kind")
    def partner_kind(self, obj):
        return obj.partner.get_kind_display()

    def has_add_permission(self, request):
        return False  # partners register on the storefront or are invited (services.invite_partner)

    @admin.action(description=_("Approve the selected partners"))
    def approve_selected(self, request, queryset):
        approved = 0
        for account in queryset.filter(status=AccountStatus.PENDING).select_related(
            "district__regency"
        ):
            try:
                services.approve_partner(request.user, account)
            except DomainError as error:
                self.message_user(request, f"{account}: {error.message}", messages.ERROR)
            else:
                approved += 1
        if approved:
            self.message_user(
                request, _("%(count)s partners approved.") % {"count": approved}, messages.SUCCESS
            )


@admin.register(WholesaleOffer)
class WholesaleOfferAdmin(AuditedScopedAdmin, ModelAdmin):
    province_path = "variant__product__group__regency__province"
    list_display = ["variant", "min_order_quantity", "lead_time_days", "monthly_capacity"]
    search_fields = ["variant__sku", "variant__product__name"]
    list_select_related = ["variant__product"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # groups set their offers in the portal or by import
