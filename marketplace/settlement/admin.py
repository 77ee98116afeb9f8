"""Settlement in the admin: read-only ledger, commission rates (through the services),
payout accounts and batches; the working pages are under /admin/settlement/ (staff_views)."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin

from marketplace.core.admin import rupiah_field
from marketplace.curation.scoping import ProvinceScopedAdminMixin, can_edit

from .commission import set_category_commission, set_group_commission
from .errors import SettlementError
from .models import (
    CategoryCommission,
    GroupCommission,
    LedgerAccount,
    LedgerCheck,
    PayoutAccount,
    PayoutAccountRequest,
    PayoutBatch,
    RequestStatus,
)
from .payout_accounts import approve_payout_account, reject_payout_account


class ReadOnlyAdmin(ModelAdmin):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ProvinceScopedAdminMixin, ReadOnlyAdmin):
    province_path = "group__regency__province"
    list_display = ["__str__", "kind", "balance_rupiah"]
    balance_rupiah = rupiah_field(LedgerAccount, "balance")
    list_filter = ["kind"]
    search_fields = ["group__name", "group__code"]
    list_select_related = ["group"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(group__isnull=False)

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerCheck)
class LedgerCheckAdmin(ReadOnlyAdmin):
    list_display = ["checked_at", "ok"]
    list_filter = ["ok"]
    readonly_fields = ["checked_at", "ok", "problems"]


@admin.register(PayoutBatch)
class PayoutBatchAdmin(ReadOnlyAdmin):
    list_display = ["reference_link", "status", "line_count", "total_rupiah", "created_at"]
    list_filter = ["status"]
    exclude = ["minimum_amount", "total_amount"]
    readonly_fields = ["minimum_rupiah", "total_rupiah"]
    minimum_rupiah = rupiah_field(PayoutBatch, "minimum_amount")
    total_rupiah = rupiah_field(PayoutBatch, "total_amount")

    @admin.display(description=_("batch"))
    def reference_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("settlement:batch", args=[obj.pk]), obj)


@admin.register(PayoutAccount)
class PayoutAccountAdmin(ProvinceScopedAdminMixin, ReadOnlyAdmin):
    province_path = "group__regency__province"
    list_display = ["group", "bank_name", "masked_number", "holder_name", "approved_at"]
    search_fields = ["group__name", "group__code"]
    exclude = ["account_number"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PayoutAccountRequest)
class PayoutAccountRequestAdmin(ProvinceScopedAdminMixin, ReadOnlyAdmin):
    province_path = "group__regency__province"
    list_display = ["group", "bank_name", "masked_number", "holder_name", "status", "created_at"]
    list_filter = ["status"]
    exclude = ["account_number"]  # the full number is shown only on the approvals page
    actions = ["approve", "reject"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Approve the selected changes"))
    def approve(self, request, queryset):
        self._decide(request, queryset, approve_payout_account)

    @admin.action(description=_("Reject the selected changes"))
    def reject(self, request, queryset):
        self._decide(request, queryset, reject_payout_account)

    def _decide(self, request, queryset, service):
        if not can_edit(request.user):
            self.message_user(request, _("You may only look."), messages.ERROR)
            return
        done = 0
        for item in queryset.filter(status=RequestStatus.PENDING):
            try:
                service(item.pk, actor=request.user)
                done += 1
            except SettlementError as err:
                self.message_user(request, f"{item.group}: {err.message}", messages.ERROR)
        self.message_user(request, _("%(count)s decided.") % {"count": done})


@admin.register(CategoryCommission)
class CategoryCommissionAdmin(ModelAdmin):
    list_display = ["category", "percent", "updated_at"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_national_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def save_model(self, request, obj, form, change):
        try:
            saved = set_category_commission(
                obj.category_id, percent=obj.percent, actor=request.user
            )
        except SettlementError as err:
            self.message_user(request, err.message, messages.ERROR)
            return
        obj.pk = saved.pk


@admin.register(GroupCommission)
class GroupCommissionAdmin(ProvinceScopedAdminMixin, ModelAdmin):
    province_path = "group__regency__province"
    list_display = ["group", "percent", "reason", "updated_at"]
    search_fields = ["group__name", "group__code"]

    def save_model(self, request, obj, form, change):
        try:
            saved = set_group_commission(
                obj.group_id, percent=obj.percent, actor=request.user, reason=obj.reason
            )
        except SettlementError as err:
            self.message_user(request, err.message, messages.ERROR)
            return
        obj.pk = saved.pk
