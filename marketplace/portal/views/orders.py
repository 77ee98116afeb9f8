"""The group's shipments: waiting, detail with packing list, accept / reject / pack / ship."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from marketplace.core.errors import DomainError
from marketplace.orders import services
from marketplace.orders.models import FulfillmentLine, FulfillmentStatus, OrderStatus

from ..decorators import group_member_required
from ..forms import COURIERS, RejectForm, ShipForm

TABS = {
    "baru": [FulfillmentStatus.NEW],
    "proses": [FulfillmentStatus.ACCEPTED, FulfillmentStatus.PACKED],
    "dikirim": [FulfillmentStatus.SHIPPED],
    "selesai": [
        FulfillmentStatus.DELIVERED,
        FulfillmentStatus.REJECTED,
        FulfillmentStatus.CANCELED,
    ],
}


def group_fulfillments(group):
    """The group's shipments of paid orders (unpaid ones are not theirs to work yet)."""
    return (
        group.fulfillments.exclude(order__status=OrderStatus.UNCONFIRMED)
        .select_related("order__regency", "order__province", "order__district")
        .order_by("-pk")
    )


@require_GET
@group_member_required
def fulfillment_list(request):
    tab = request.GET.get("tab", "baru")
    if tab not in TABS:
        tab = "baru"
    fulfillments = group_fulfillments(request.group).filter(status__in=TABS[tab])[:100]
    return render(
        request,
        "portal/fulfillment_list.html",
        {"fulfillments": fulfillments, "tab": tab, "tabs": list(TABS)},
    )


@require_GET
@group_member_required
def fulfillment_detail(request, fulfillment_id):
    fulfillment = get_object_or_404(
        group_fulfillments(request.group).prefetch_related(
            Prefetch("lines", FulfillmentLine.objects.select_related("order_line"))
        ),
        pk=fulfillment_id,
    )
    return render(
        request,
        "portal/fulfillment_detail.html",
        {
            "fulfillment": fulfillment,
            "order": fulfillment.order,
            "reject_form": RejectForm(),
            "ship_form": ShipForm(),
            "couriers": COURIERS,
        },
    )


def _act(request, fulfillment_id, operation, done_message, form=None):
    fulfillment = get_object_or_404(group_fulfillments(request.group), pk=fulfillment_id)
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("portal:fulfillment", fulfillment.pk)
    try:
        operation(fulfillment.pk, **(form.cleaned_data if form is not None else {}))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done_message)
    return redirect("portal:fulfillment", fulfillment.pk)


@require_POST
@group_member_required
def accept(request, fulfillment_id):
    return _act(
        request,
        fulfillment_id,
        lambda pk: services.accept_fulfillment(pk, actor=request.user),
        _("Order accepted. Please pack it."),
    )


@require_POST
@group_member_required
def reject(request, fulfillment_id):
    return _act(
        request,
        fulfillment_id,
        lambda pk, reason: services.reject_fulfillment(pk, actor=request.user, reason=reason),
        _("Order rejected. It goes to another group or is refunded."),
        form=RejectForm(request.POST),
    )


@require_POST
@group_member_required
def pack(request, fulfillment_id):
    return _act(
        request,
        fulfillment_id,
        lambda pk: services.pack_fulfillment(pk, actor=request.user),
        _("Marked as packed."),
    )


@require_POST
@group_member_required
def ship(request, fulfillment_id):
    return _act(
        request,
        fulfillment_id,
        lambda pk, courier, tracking_number: services.ship_fulfillment(
            pk, actor=request.user, courier=courier, tracking_number=tracking_number
        ),
        _("Marked as shipped. The buyer gets the tracking number."),
        form=ShipForm(request.POST),
    )
