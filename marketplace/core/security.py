"""Response headers that limit what a page may load and use: Content-Security-Policy (through
django-csp) and Permissions-Policy.

The site's policy (settings ``[security headers]``) allows scripts from our own origin only, plus
a per-request nonce for anything that must be inline (``{{ request.csp_nonce }}``); no
``'unsafe-inline'`` scripts anywhere. Two places widen it, each only where it is needed:

- the payment pages load Stripe.js (``payment_provider_csp`` on those views): Stripe's script,
  frame and API origins are added to that response's policy and to no other;
- the admin (django-unfold) runs Alpine.js, whose standard build evaluates its ``x-data``
  expressions with ``Function``: ``'unsafe-eval'`` is added under ``/admin/`` only.

With media on S3 (``MEDIA_STORAGE=s3``) photos, thumbnails and payment proofs are loaded from the
object store: ``storage_origins()`` (the custom domain, the endpoint, or the bucket's own AWS host)
is added to ``img-src`` on every page, besides ``CSP_EXTRA_IMG_SRC`` (e.g. a CDN in front).
"""

from functools import wraps
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

STRIPE_ORIGINS = {
    "script-src": ["https://js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def stripe_directives() -> dict[str, list[str]]:
    """Stripe's origins, and the origin ``STRIPE_JS_URL`` really points at (a test server)."""
    directives = {name: list(origins) for name, origins in STRIPE_ORIGINS.items()}
    own = _origin(settings.STRIPE_JS_URL)
    if own:
        for name in directives:
            if own not in directives[name]:
                directives[name].append(own)
    return directives


def _storage_origin(options: dict) -> str:
    """Where the browser fetches one S3 storage's files from (its URLs' scheme and host)."""
    if options.get("custom_domain"):
        scheme = "https" if options.get("url_protocol", "https:") == "https:" else "http"
        return f"{scheme}://{options['custom_domain'].split('/')[0]}"
    endpoint = options.get("endpoint_url")
    bucket = options.get("bucket_name", "")
    if endpoint:
        origin = _origin(endpoint)
        if options.get("addressing_style") == "virtual" and origin:
            scheme, host = origin.split("://", 1)
            return f"{scheme}://{bucket}.{host}"
        return origin
    region = options.get("region_name")
    return (
        f"https://{bucket}.s3.{region}.amazonaws.com"
        if region
        else f"https://{bucket}.s3.amazonaws.com"
    )


def storage_origins() -> list[str]:
    """The origins of the S3 storages in ``STORAGES`` (none while media is on local disk)."""
    from marketplace.core.storage import S3_BACKEND

    origins: list[str] = []
    for name in ("default", "proofs"):
        entry = settings.STORAGES.get(name) or {}
        if entry.get("BACKEND") == S3_BACKEND:
            origin = _storage_origin(entry.get("OPTIONS") or {})
            if origin and origin not in origins:
                origins.append(origin)
    return origins


def payment_provider_csp(view):
    """Widen one view's policy by the payment provider's origins (Stripe.js and its frames)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        update = dict(getattr(response, "_csp_update", None) or {})
        for name, origins in stripe_directives().items():
            update[name] = [*update.get(name, []), *origins]
        response._csp_update = update
        return response

    return wrapped


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's allowance and the media store (module docstring)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        update = dict(parts.update or {})
        if request.path_info.startswith(settings.CSP_ADMIN_PREFIX):
            for name, sources in settings.CSP_ADMIN_EXTRA.items():
                update[name] = [*update.get(name, []), *sources]
        media = storage_origins()
        if media:
            update["img-src"] = [*update.get("img-src", []), *media]
        parts.update = update or None
        return parts


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response: the features no page of ours uses are off
    (``PERMISSIONS_POLICY`` in settings; payment stays for the card form's provider frame)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
