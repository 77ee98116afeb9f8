import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached fragments of one test must not answer another's requests."""
    cache.clear()
    yield
    cache.clear()
