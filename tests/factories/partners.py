import factory

from marketplace.partners.models import (
    AccountSource,
    AccountStatus,
    PartnerAccount,
    PartnerRole,
    PartnerUser,
)

from .accounts import UserFactory
from .groups import PartnerFactory
from .regions import district


class PartnerAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerAccount

    partner = factory.SubFactory(PartnerFactory)
    status = AccountStatus.APPROVED
    source = AccountSource.STOREFRONT
    district = factory.LazyFunction(district)
    address = "Jl. Raya Kuta No. 1"
    credit_limit = 50_000_000


class PartnerUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerUser

    account = factory.SubFactory(PartnerAccountFactory)
    user = factory.SubFactory(UserFactory)
    role = PartnerRole.ADMIN
