import uuid

import pytest


@pytest.fixture(autouse=True)
def _own_cache_namespace(settings):
    """Each test reads and writes its own fragment keys: nothing cached by another test answers
    its requests, and the shared Redis (cache and Celery broker) is never flushed."""
    settings.STOREFRONT_CACHE_NAMESPACE = f"test-{uuid.uuid4().hex}"
