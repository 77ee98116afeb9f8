import logging

import pytest

from marketplace.accounts.models import StaffRole
from tests.factories.accounts import StaffUserFactory
from tests.factories.payments import unpaid_order
from tests.factories.regions import ACEH, BALI, province


@pytest.fixture(autouse=True)
def _private_proof_folder(settings, tmp_path):
    settings.PAYMENT_PROOF_ROOT = tmp_path / "proofs"


@pytest.fixture
def payment_log(caplog):
    """Records of the ``marketplace.payments`` logger (it does not propagate to the root)."""
    logger = logging.getLogger("marketplace.payments")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="marketplace.payments")
    yield caplog
    logger.removeHandler(caplog.handler)


@pytest.fixture
def bank_order(db):
    return unpaid_order(payment_method="bank_transfer")


@pytest.fixture
def card_order(db):
    return unpaid_order(payment_method="card")


@pytest.fixture
def bali_curator(db):
    return StaffUserFactory(
        email="kurator.bali@bkkbn.go.id",
        staff_role=StaffRole.PROVINCE_CURATOR,
        staff_province=province(BALI),
    )


@pytest.fixture
def aceh_curator(db):
    return StaffUserFactory(
        email="kurator.aceh@bkkbn.go.id",
        staff_role=StaffRole.PROVINCE_CURATOR,
        staff_province=province(ACEH),
    )


# the loopback Xendit (session server, per-test fixture pointing the settings at it)
from tests.fixtures.xendit import xendit, xendit_server  # noqa: E402, F401


@pytest.fixture
def api(db):
    """Saleor-style GraphQL calls (the client of tests/graphql)."""
    from tests.graphql.conftest import ApiClient

    return ApiClient()
