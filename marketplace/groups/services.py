"""Creating and updating UPPKS groups and their partnerships.

Staff onboarding, the registry importer and the portal change groups only through these functions.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.core import audit
from marketplace.core.errors import DomainError
from marketplace.regions.models import District, Regency

from .models import Partner, Partnership, UppksGroup

GROUP_FIELDS = (
    "name",
    "regency_id",
    "district_id",
    "village",
    "leader_name",
    "phone",
    "email",
    "founded_year",
)


class GroupErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    INVALID = "invalid"


class GroupError(DomainError):
    pass


@dataclass
class GroupData:
    """A group as it should be; ``phone`` in E.164, regions by Kemendagri code.

    Optional values left as None are not touched on an existing group; ``partners`` lists partner
    names that must have an active partnership with the group (others are left as they are).
    """

    code: str
    name: str
    regency_code: str
    phone: str
    district_code: str | None = None
    village: str | None = None
    leader_name: str | None = None
    email: str | None = None
    founded_year: int | None = None
    partners: Sequence[str] | None = None


def save_group(data: GroupData, *, actor=None) -> tuple[UppksGroup, str]:
    """Create the group with this code or bring it up to date; returns (group, action).

    ``action`` is ``created``, ``updated`` or ``unchanged``: saving the same data twice writes
    nothing the second time.
    """
    wanted = _wanted_fields(data)
    with transaction.atomic():
        group = UppksGroup.objects.select_for_update().filter(code=data.code).first()
        if group is None:
            group = UppksGroup(code=data.code, slug=_unique_slug(data.name, data.code), **wanted)
            group.save()
            action = "created"
            if actor is not None:
                audit.record(actor, group, "group_created", province_code=group.province_code)
        else:
            changes = audit.diff(group, wanted)
            changes.pop("phone", None)
            if str(group.phone) != wanted["phone"]:
                changes["phone"] = [str(group.phone), wanted["phone"]]
            for name in changes:
                setattr(group, name, wanted[name])
            if changes:
                group.save(update_fields=[*changes, "updated_at"])
                if actor is not None:
                    audit.record(
                        actor,
                        group,
                        "group_updated",
                        {k: [str(a), str(b)] for k, (a, b) in changes.items()},
                        province_code=group.province_code,
                    )
            action = "updated" if changes else "unchanged"
        if data.partners is not None and add_partners(group, data.partners) and action != "created":
            action = "updated"
    return group, action


def _wanted_fields(data: GroupData) -> dict:
    if not Regency.objects.filter(pk=data.regency_code).exists():
        raise GroupError(GroupErrorCode.NOT_FOUND, _("Unknown regency / city."), field="regency")
    if (
        data.district_code
        and not District.objects.filter(
            pk=data.district_code, regency_id=data.regency_code
        ).exists()
    ):
        raise GroupError(
            GroupErrorCode.INVALID,
            _("The district does not lie in the chosen regency / city."),
            field="district",
        )
    wanted = {"name": data.name, "regency_id": data.regency_code, "phone": data.phone}
    optional = {
        "district_id": data.district_code,
        "village": data.village,
        "leader_name": data.leader_name,
        "email": data.email,
        "founded_year": data.founded_year,
    }
    wanted.update({k: v for k, v in optional.items() if v is not None})
    return wanted


def _unique_slug(name: str, code: str) -> str:
    base = slugify(name)[:200] or slugify(code) or "kelompok"
    slug = base
    if UppksGroup.objects.filter(slug=slug).exists():
        slug = f"{base}-{slugify(code)}"[:220]
    counter = 1
    while UppksGroup.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    return slug


def add_partners(group: UppksGroup, names: Sequence[str]) -> bool:
    """Give the group an active partnership with each named partner; True if anything changed."""
    changed = False
    for name in names:
        partner = Partner.objects.filter(name__iexact=name.strip()).first()
        if partner is None:
            partner = Partner.objects.create(name=name.strip()[:200], regency_id=group.regency_id)
        partnership, created = Partnership.objects.get_or_create(partner=partner, group=group)
        if created:
            changed = True
        elif not partnership.is_active:
            partnership.is_active = True
            partnership.save(update_fields=["is_active"])
            changed = True
    return changed
