"""``group_member_required``: the portal's one gate; it sets ``request.group``."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse

from marketplace.groups.models import GroupMember, UppksGroup

SESSION_KEY = "portal_group_id"


def member_groups(user) -> list[UppksGroup]:
    """The active groups the user is an active member of, oldest membership first."""
    if not user.is_authenticated:
        return []
    memberships = (
        GroupMember.objects.filter(user=user, is_active=True, group__is_active=True)
        .select_related("group__regency__province")
        .order_by("pk")
    )
    return [membership.group for membership in memberships]


def group_member_required(view):
    """Log in first; then only active members of an active group get in.

    ``request.group`` is the group chosen in this session (the first membership by default);
    views look every object up through its own querysets, so another group's fulfilment,
    stock or product is a 404.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("portal:login"))
        groups = member_groups(request.user)
        if not groups:
            return render(request, "portal/not_a_member.html", status=403)
        chosen = request.session.get(SESSION_KEY)
        request.group = next((g for g in groups if g.pk == chosen), groups[0])
        request.portal_groups = groups
        return view(request, *args, **kwargs)

    return wrapper
