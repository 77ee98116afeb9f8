"""``group_member_required``: the portal's one gate; it sets ``request.group``."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse

from marketplace.groups.membership import member_groups, working_group


def group_member_required(view):
    """Log in first; then only active members of an active group get in.

    ``request.group`` is the group chosen in this session (the first membership by default,
    see ``groups.membership``); views look every object up through its own querysets, so
    another group's fulfilment, stock or product is a 404.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("portal:login"))
        groups = member_groups(request.user)
        if not groups:
            return render(request, "portal/not_a_member.html", status=403)
        request.group = working_group(groups, request.session)
        request.portal_groups = groups
        return view(request, *args, **kwargs)

    return wrapper
