"""Which group a member works for: the portal and the money pages make the same choice.

A user may belong to several UPPKS groups. The group chosen in the session (the portal's
switcher) is the one they work for while they stay an active member of it; otherwise the first
active membership is. Every page for group members calls these functions, so no page ever
shows one group's orders next to another group's money.
"""

from collections.abc import MutableMapping

from .models import GroupMember, UppksGroup

_SESSION_KEY = "portal_group_id"


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


def working_group(groups: list[UppksGroup], session: MutableMapping) -> UppksGroup | None:
    """The group chosen in ``session`` if it is among ``groups``, else the first; None if none."""
    chosen = session.get(_SESSION_KEY)
    return next((group for group in groups if group.pk == chosen), groups[0] if groups else None)


def choose_working_group(session: MutableMapping, group: UppksGroup) -> None:
    """Remember in the session that the member now works for ``group`` (one of theirs)."""
    session[_SESSION_KEY] = group.pk
