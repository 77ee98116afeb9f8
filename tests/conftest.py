import os

import pytest
from django.utils import translation

from marketplace.catalog.search import forget_word_lookups

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop beside the ORM

pytest_plugins = [
    "tests.fixtures.reference_data",
    "tests.fixtures.services",
    "tests.fixtures.celery_worker",
    "tests.fixtures.smtp",
    "tests.fixtures.stripe",
    "tests.fixtures.browser",
    "tests.fixtures.s3",
    "tests.fixtures.throttle",
    "tests.fixtures.pgbouncer",
    "tests.fixtures.midtrans",
    "tests.fixtures.biteship",
]


@pytest.fixture(autouse=True)
def _reset_language():
    """LocaleMiddleware leaves a request's language active on the thread; a later test (a
    service test expecting the default Indonesian messages) must not inherit it."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _forget_search_word_lookups():
    """Each test has its own vocabulary: none inherits what an earlier one's said of a word."""
    forget_word_lookups()
    yield


@pytest.fixture
def group(db):
    from tests.factories.groups import UppksGroupFactory

    return UppksGroupFactory()


@pytest.fixture
def group_member(db, group):
    from tests.factories.groups import GroupMemberFactory

    return GroupMemberFactory(group=group).user
