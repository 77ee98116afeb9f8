import factory

from marketplace.groups.models import (
    GroupMember,
    MemberRole,
    Partner,
    PartnerKind,
    Partnership,
    UppksGroup,
)
from marketplace.regions.models import Regency

from .accounts import UserFactory


class UppksGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UppksGroup

    code = factory.Sequence(lambda n: f"UPPKS-{n:04d}")
    name = factory.Sequence(lambda n: f"UPPKS Mawar {n}")
    slug = factory.Sequence(lambda n: f"uppks-mawar-{n}")
    regency = factory.LazyFunction(lambda: Regency.objects.get(code="51.05"))
    phone = factory.Sequence(lambda n: f"+62812{3400000 + n:07d}")
    leader_name = "Ni Made Sari"
    story = "Kelompok ibu-ibu pembuat sabun."


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(UppksGroupFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.KETUA


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"BUMDes Sejahtera {n}")
    kind = PartnerKind.BUMDES


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    partner = factory.SubFactory(PartnerFactory)
    group = factory.SubFactory(UppksGroupFactory)
    is_active = True
