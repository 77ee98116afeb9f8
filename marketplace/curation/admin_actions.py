"""Bulk staff actions; each item goes through the same service as a single click."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.core.errors import DomainError

from .onboarding import deactivate_group, reactivate_group
from .services import approve_product


def approve_each(request, product_ids) -> None:
    """Approve each product on its own; refusals are reported by name and leave the rest done."""
    approved = 0
    for product_id, name in product_ids:
        try:
            approve_product(product_id, actor=request.user)
        except DomainError as err:
            messages.error(request, f"{name}: {err.message}")
        else:
            approved += 1
    if approved:
        messages.success(
            request,
            ngettext("%(count)d product approved.", "%(count)d products approved.", approved)
            % {"count": approved},
        )


@admin.action(description=_("Approve the selected products"), permissions=["change"])
def approve_selected_products(modeladmin, request, queryset):
    approve_each(request, queryset.order_by("pk").values_list("pk", "name"))


@admin.action(description=_("Approve the selected review requests"), permissions=["change"])
def approve_selected_revisions(modeladmin, request, queryset):
    rows = queryset.order_by("submitted_at", "pk").values_list("product_id", "product__name")
    approve_each(request, rows)


def _each_group(request, queryset, operation, done_message) -> None:
    done = 0
    for group_id, name in queryset.order_by("pk").values_list("pk", "name"):
        try:
            operation(group_id, actor=request.user)
        except DomainError as err:
            messages.error(request, f"{name}: {err.message}")
        else:
            done += 1
    if done:
        messages.success(request, done_message(done) % {"count": done})


@admin.action(
    description=_("Deactivate the selected groups (history is kept)"), permissions=["change"]
)
def deactivate_selected_groups(modeladmin, request, queryset):
    _each_group(
        request,
        queryset,
        deactivate_group,
        lambda n: ngettext("%(count)d group deactivated.", "%(count)d groups deactivated.", n),
    )


@admin.action(description=_("Reactivate the selected groups"), permissions=["change"])
def reactivate_selected_groups(modeladmin, request, queryset):
    _each_group(
        request,
        queryset,
        reactivate_group,
        lambda n: ngettext("%(count)d group reactivated.", "%(count)d groups reactivated.", n),
    )
