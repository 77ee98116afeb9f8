"""Who may do what through the API: checks raise a GraphQL error with code PERMISSION_DENIED."""

from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.groups.models import GroupMember


class PermissionDenied(GraphQLError):
    def __init__(self, message: str | None = None):
        super().__init__(
            message or _("You do not have permission to perform this action."),
            extensions={"exception": {"code": "PermissionDenied"}},
        )


def current_user(info):
    """The authenticated user, or None; an invalid token raises its own error here."""
    user = getattr(info.context, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user


def require_login(info):
    user = current_user(info)
    if user is None:
        raise PermissionDenied(
            _("To access this path, you need one of the following permissions: AUTHENTICATED_USER")
        )
    return user


def member_group_ids(info) -> frozenset[int]:
    """The groups the current user works for (memoised per request)."""
    context = info.context
    cached = getattr(context, "_member_group_ids", None)
    if cached is None:
        user = current_user(info)
        cached = (
            frozenset(
                GroupMember.objects.filter(
                    user=user, is_active=True, group__is_active=True
                ).values_list("group_id", flat=True)
            )
            if user
            else frozenset()
        )
        context._member_group_ids = cached
    return cached


def require_group_member(info, group_id: int | None = None):
    """The current user, who must work for ``group_id`` (or for any group when None)."""
    user = require_login(info)
    groups = member_group_ids(info)
    if not groups or (group_id is not None and group_id not in groups):
        raise PermissionDenied()
    return user


def require_curator(info):
    """BKKBN staff who may approve products; province curators only inside their province."""
    user = require_login(info)
    if not (user.is_staff or user.is_superuser) or not user.can_curate:
        raise PermissionDenied()
    return user


def staff_may_see_province(user, province_code: str) -> bool:
    scope = user.scoped_province_code
    return scope is None or scope == province_code
