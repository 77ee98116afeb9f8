"""``group_member_required``: the portal's one gate; it sets ``request.group``."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.shortcuts import render
from django.urls import reverse

from marketplace.groups.models import GroupMember


def member_group(user):
    """The group the user works for in the portal (the first active membership), or None."""
    if not user.is_authenticated:
        return None
    membership = (
        GroupMember.objects.filter(user=user, is_active=True, group__is_active=True)
        .select_related("group__regency__province")
        .order_by("pk")
        .first()
    )
    return membership.group if membership else None


def group_member_required(view):
    """Log in first; then only active members of an active group get in.

    Views look every object up through ``request.group``'s own querysets, so another group's
    fulfilment, stock or product is a 404.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("portal:login"))
        group = member_group(request.user)
        if group is None:
            response = render(request, "portal/not_a_member.html", status=403)
            return response if response else HttpResponseForbidden()
        request.group = group
        return view(request, *args, **kwargs)

    return wrapper
