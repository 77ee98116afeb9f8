import pytest

from tests.factories.curation import (
    NationalAdminFactory,
    ProvinceCuratorFactory,
    ProvinceViewerFactory,
)
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, regency


@pytest.fixture
def bali_curator(db):
    return ProvinceCuratorFactory()


@pytest.fixture
def bali_viewer(db):
    return ProvinceViewerFactory()


@pytest.fixture
def national_admin(db):
    return NationalAdminFactory()


@pytest.fixture
def aceh_group(db):
    return UppksGroupFactory(regency=regency(ACEH_TENGAH), name="UPPKS Kopi Gayo")
