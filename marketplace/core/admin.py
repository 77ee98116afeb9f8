"""The audit log in the admin, and the rupiah column helper the other admins share."""

from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin

from marketplace.curation.scoping import ProvinceScopedAdminMixin

from .models import AuditEntry
from .money import format_rupiah

AUDIT_ACTIONS = {
    "admin_changed": _("Changed in the admin"),
    "admin_created": _("Created in the admin"),
    "admin_deleted": _("Deleted in the admin"),
    "commission_cleared": _("Commission rate removed"),
    "commission_set": _("Commission rate set"),
    "fulfillment_accepted": _("Shipment accepted by the group"),
    "fulfillment_delivered": _("Shipment delivered"),
    "fulfillment_packed": _("Shipment packed"),
    "fulfillment_rejected": _("Shipment rejected by the group"),
    "fulfillment_shipped": _("Shipment sent"),
    "group_created": _("Group created"),
    "group_deactivated": _("Group deactivated"),
    "group_reactivated": _("Group reactivated"),
    "group_updated": _("Group updated"),
    "member_invited": _("Member invited"),
    "member_joined": _("Member joined"),
    "order_canceled": _("Order canceled"),
    "order_expired": _("Order expired unpaid"),
    "payment_confirmed": _("Payment confirmed"),
    "payment.bank_transfer_confirmed": _("Bank transfer confirmed"),
    "payment.proof_rejected": _("Transfer receipt rejected"),
    "payment.refund_requested": _("Refund requested"),
    "payout_account_approved": _("Payout account approved"),
    "payout_account_rejected": _("Payout account rejected"),
    "payout_account_requested": _("Payout account requested"),
    "product_approved": _("Product approved"),
    "product_changed": _("Product changed"),
    "product_changes_submitted": _("Product changes submitted for review"),
    "product_imported": _("Product imported"),
    "product_rejected": _("Product rejected"),
    "product_submitted": _("Product submitted for review"),
    "stock_set": _("Stock set"),
}


def rupiah_field(model, field_name: str):
    """An admin column or read-only field showing a whole-rupiah field as ``Rp 660.973``."""

    @admin.display(description=model._meta.get_field(field_name).verbose_name, ordering=field_name)
    def display(modeladmin, obj) -> str:
        return format_rupiah(getattr(obj, field_name))

    return display


def audit_action_label(action: str) -> str:
    """The action in words; an action not listed yet shows its code."""
    return str(AUDIT_ACTIONS.get(action, action))


def object_type_label(object_type: str) -> str:
    """``groups.uppksgroup`` → the model's verbose name; an unknown type shows its code."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)


class _LabelledCodeFilter(admin.SimpleListFilter):
    """Filter on a code column, offering the codes in use by their labels."""

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request)
            .order_by(self.parameter_name)
            .values_list(self.parameter_name, flat=True)
            .distinct()
        )
        return [(code, self.label(code)) for code in codes]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.parameter_name: self.value()})
        return queryset


class AuditActionFilter(_LabelledCodeFilter):
    title = _("action")
    parameter_name = "action"
    label = staticmethod(audit_action_label)


class ObjectTypeFilter(_LabelledCodeFilter):
    title = _("object type")
    parameter_name = "object_type"
    label = staticmethod(object_type_label)


@admin.register(AuditEntry)
class AuditEntryAdmin(ProvinceScopedAdminMixin, ModelAdmin):
    """The audit log, read-only; province staff read their province's entries only."""

    province_path = "province_code"
    list_display = [
        "created_at",
        "actor",
        "action_label",
        "object_type_label",
        "object_repr",
        "province_code",
    ]
    list_filter = [AuditActionFilter, ObjectTypeFilter, "province_code"]
    search_fields = ["object_repr", "object_id", "actor__email"]
    readonly_fields = [
        "actor",
        "action_label",
        "object_type_label",
        "object_id",
        "object_repr",
        "changes",
        "province_code",
        "created_at",
    ]
    exclude = ["action", "object_type"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, obj: AuditEntry) -> str:
        return audit_action_label(obj.action)

    @admin.display(description=_("object type"), ordering="object_type")
    def object_type_label(self, obj: AuditEntry) -> str:
        return object_type_label(obj.object_type)

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
