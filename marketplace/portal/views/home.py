"""The portal's first page and the month's sales."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from marketplace.groups.membership import choose_working_group
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


@require_POST
@group_member_required
def choose_group(request):
    """Work for another of the member's groups (a member of two groups switches here)."""
    try:
        group_id = int(request.POST.get("group", ""))
    except ValueError:
        raise Http404
    group = next((g for g in request.portal_groups if g.pk == group_id), None)
    if group is None:
        raise Http404
    choose_working_group(request.session, group)
    return redirect("portal:home")
