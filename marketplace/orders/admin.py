"""Staff views of orders and group shipments; changes go through the order services."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline

from marketplace.core.admin import rupiah_field
from marketplace.core.errors import DomainError
from marketplace.curation.scoping import ProvinceScopedAdminMixin, ProvinceScopedInlineMixin

from . import services
from .models import Fulfillment, FulfillmentLine, Order, OrderLine


class ReadOnlyInline(ProvinceScopedInlineMixin, TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = [
        "product_name",
        "variant_name",
        "sku",
        "quantity",
        "unit_price_rupiah",
        "total_price_rupiah",
        "group",
        "routing_reason",
        "commission_percent",
        "is_canceled",
    ]
    readonly_fields = fields
    unit_price_rupiah = rupiah_field(OrderLine, "unit_price")
    total_price_rupiah = rupiah_field(OrderLine, "total_price")


class FulfillmentInline(ReadOnlyInline):
    model = Fulfillment
    fields = ["group", "status", "shipping_rupiah", "weight_g", "courier", "tracking_number"]
    readonly_fields = fields
    shipping_rupiah = rupiah_field(Fulfillment, "shipping_price")
    show_change_link = True


class FulfillmentLineInline(ReadOnlyInline):
    model = FulfillmentLine
    fields = ["order_line", "quantity", "stock"]
    readonly_fields = fields


def _run(modeladmin, request, queryset, operation, done_message):
    done = 0
    for obj in queryset:
        try:
            operation(obj)
            done += 1
        except DomainError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


class ReadOnlyScopedAdmin(ProvinceScopedAdminMixin, ModelAdmin):
    """Rows change only through services (actions), never by editing fields."""

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)


# Fields staff read in words: whole rupiah as "Rp 660.973", the language by its name.
ORDER_DISPLAY_FIELDS = {
    "subtotal": "subtotal_rupiah",
    "shipping_total": "shipping_total_rupiah",
    "total": "total_rupiah",
    "total_charged": "total_charged_rupiah",
    "total_refunded": "total_refunded_rupiah",
    "language": "language_label",
}


@admin.register(Order)
class OrderAdmin(ReadOnlyScopedAdmin):
    province_path = ["province", "fulfillments__group__regency__province"]
    list_display = [
        "number",
        "created_at",
        "email",
        "status",
        "charge_status",
        "payment_method",
        "total_rupiah",
        "regency",
    ]
    list_filter = ["status", "charge_status", "payment_method", "province"]
    search_fields = ["=number", "email", "phone", "first_name", "last_name"]
    list_select_related = ["regency"]
    date_hierarchy = "created_at"
    readonly_fields = [
        ORDER_DISPLAY_FIELDS.get(field.name, field.name) for field in Order._meta.fields
    ]
    exclude = list(ORDER_DISPLAY_FIELDS)
    subtotal_rupiah = rupiah_field(Order, "subtotal")
    shipping_total_rupiah = rupiah_field(Order, "shipping_total")
    total_rupiah = rupiah_field(Order, "total")
    total_charged_rupiah = rupiah_field(Order, "total_charged")
    total_refunded_rupiah = rupiah_field(Order, "total_refunded")
    inlines = [OrderLineInline, FulfillmentInline]
    actions = ["cancel_orders"]

    @admin.display(description=_("language"), ordering="language")
    def language_label(self, obj: Order) -> str:
        return str(dict(settings.LANGUAGES).get(obj.language, obj.language))

    @admin.action(
        description=_("Cancel the selected orders (stock released, payment refunded)"),
        permissions=["change"],
    )
    def cancel_orders(self, request, queryset):
        reason = gettext("Canceled by BKKBN staff.")
        _run(
            self,
            request,
            queryset,
            lambda order: services.cancel_order(order.pk, actor=request.user, reason=reason),
            gettext("%(count)d orders canceled."),
        )


@admin.register(Fulfillment)
class FulfillmentAdmin(ReadOnlyScopedAdmin):
    province_path = "group__regency__province"
    list_display = [
        "__str__",
        "group",
        "status",
        "shipping_rupiah",
        "courier",
        "tracking_number",
        "accept_deadline",
        "created_at",
    ]
    list_filter = ["status", "group__regency__province"]
    search_fields = ["=order__number", "group__name", "group__code", "tracking_number"]
    list_select_related = ["order", "group"]
    readonly_fields = [
        "shipping_rupiah" if field.name == "shipping_price" else field.name
        for field in Fulfillment._meta.fields
    ]
    exclude = ["shipping_price"]
    shipping_rupiah = rupiah_field(Fulfillment, "shipping_price")
    inlines = [FulfillmentLineInline]
    actions = ["mark_delivered"]

    @admin.action(description=_("Mark the selected shipments as delivered"), permissions=["change"])
    def mark_delivered(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda fulfillment: services.deliver_fulfillment(fulfillment.pk, actor=request.user),
            gettext("%(count)d shipments marked as delivered."),
        )
