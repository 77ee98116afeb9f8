"""Caching the catalog parts of pages, never the parts that belong to one visitor.

A page is a shell (header with the cart count, language switch and CSRF-protected forms, rendered
for every request) around a fragment that depends only on the URL and the language (the product
grid, a product's details). Only fragments are cached, so a cached page can never show one
visitor's cart, account or CSRF token to another. Catalog changes show within
``STOREFRONT_CACHE_SECONDS``; cart and checkout always read live prices and stock.

First-time visitors (no session cookie, so no cart, account or stored message) all see the same
shell, so for them the whole page is cached too, rendered with a placeholder where the CSRF
token goes; each response gets the visitor's own token (and CSRF cookie) put in its place.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

KEY_VERSION = "sf1"
CSRF_PLACEHOLDER = "@@storefront-csrf-token-placeholder@@"


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


def serves_shared_page(request) -> bool:
    """A GET from a visitor without a session or stored messages, with caching on."""
    return (
        settings.STOREFRONT_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def shared_page(request, render_page: Callable[..., HttpResponse]) -> HttpResponse:
    """The cached page of a first-time visitor, with their own CSRF token."""
    key = fragment_key("page", request)
    html = cache.get(key)
    if html is None:
        response = render_page(csrf_token=CSRF_PLACEHOLDER)
        html = response.content.decode()
        if response.status_code == 200:
            cache.set(key, html, settings.STOREFRONT_CACHE_SECONDS)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
