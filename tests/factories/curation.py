import factory

from marketplace.accounts.models import StaffRole
from marketplace.catalog.models import ProductStatus
from marketplace.curation.models import ProductRevision, RevisionKind
from marketplace.regions.models import Province

from .accounts import StaffUserFactory
from .catalog import ProductFactory
from .regions import ACEH, BALI


class NationalAdminFactory(StaffUserFactory):
    staff_role = StaffRole.NATIONAL_ADMIN


class ProvinceCuratorFactory(StaffUserFactory):
    staff_role = StaffRole.PROVINCE_CURATOR
    staff_province = factory.LazyFunction(lambda: Province.objects.get(code=BALI))


class ProvinceViewerFactory(StaffUserFactory):
    staff_role = StaffRole.PROVINCE_VIEWER
    staff_province = factory.LazyFunction(lambda: Province.objects.get(code=BALI))


class SubmittedProductFactory(ProductFactory):
    status = ProductStatus.SUBMITTED


class ProductRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductRevision

    product = factory.SubFactory(SubmittedProductFactory)
    kind = RevisionKind.NEW


def aceh_curator():
    return ProvinceCuratorFactory(staff_province=Province.objects.get(code=ACEH))
