"""The portal's first page and the month's sales."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from marketplace.orders.models import FulfillmentStatus

from ..decorators import group_member_required
from ..sales import sales_this_month
from .orders import group_fulfillments


@require_GET
@group_member_required
def home(request):
    fulfillments = group_fulfillments(request.group)
    return render(
        request,
        "portal/home.html",
        {
            "waiting": fulfillments.filter(status=FulfillmentStatus.NEW).count(),
            "to_pack": fulfillments.filter(status=FulfillmentStatus.ACCEPTED).count(),
            "to_ship": fulfillments.filter(status=FulfillmentStatus.PACKED).count(),
            "sales": sales_this_month(request.group),
        },
    )


@require_GET
@group_member_required
def sales(request):
    return render(request, "portal/sales.html", {"sales": sales_this_month(request.group)})
