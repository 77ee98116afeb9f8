"""Caching the catalog parts of pages, never the parts that belong to one visitor.

A page is a shell (header with the cart count, language switch and CSRF-protected forms, rendered
for every request) around a fragment that depends only on the URL and the language (the product
grid, a product's details). Only fragments are cached, so a cached page can never show one
visitor's cart, account or CSRF token to another. Catalog changes show within
``STOREFRONT_CACHE_SECONDS``; cart and checkout always read live prices and stock.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

KEY_VERSION = "sf1"


def fragment_key(kind: str, request) -> str:
    params = "&".join(
        f"{key}={value}" for key, values in sorted(request.GET.lists()) for value in sorted(values)
    )
    raw = f"{get_language()}|{request.path}|{params}"
    namespace = getattr(settings, "STOREFRONT_CACHE_NAMESPACE", KEY_VERSION)
    return f"{namespace}:{kind}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached_fragment(kind: str, request, build: Callable[[], Any]) -> Any:
    """The cached value for this page, or ``build()``'s result, stored for next time."""
    timeout = settings.STOREFRONT_CACHE_SECONDS
    if timeout <= 0:
        return build()
    key = fragment_key(kind, request)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
