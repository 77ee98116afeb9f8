from tests.payments.conftest import (  # noqa: F401  (the payments tests' orders and staff)
    _private_proof_folder,
    aceh_curator,
    bali_curator,
    bank_order,
)
from tests.portal.conftest import group_a, member, portal  # noqa: F401,E402  (a logged-in ketua)
