"""Sign-in throttling: one rule for the storefront, the portal, the admin and the API.

django-axes records failed sign-ins (``axes.AccessAttempt`` rows, in the database every web
and worker machine shares) and refuses further tries — even with the right password — until the
lock ends. An account is delayed after ``LOGIN_FAILURE_LIMIT`` failures within
``LOGIN_LOCKOUT_MINUTES`` (the API's ``tokenCreate`` rule); one address after
``LOGIN_ADDRESS_FAILURE_LIMIT`` failures across accounts (higher: many phones share one carrier
address). Password reset requests are counted per account and per address in the cache.
"""

import hashlib
import ipaddress
import time
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import ErrorList
from django.http import HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import ngettext

from marketplace.core.phones import normalize_phone

from .models import User

RESET_KEY_PREFIX = "reset-requests:"
API_FAILURES_PREFIX = "graphql:login-failures:"


def lockout_window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind our TLS proxy (``BEHIND_TLS_PROXY``)
    the entry of ``X-Forwarded-For`` that our own proxies appended (``TRUSTED_PROXY_COUNT``
    from the right), so a client cannot choose its address by sending the header itself."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if settings.BEHIND_TLS_PROXY:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        count = max(settings.TRUSTED_PROXY_COUNT, 1)
        if len(hops) >= count:
            candidate = hops[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def account_username(request, credentials: dict | None) -> str | None:
    """What a sign-in is counted under: the account's email when the login (email or phone
    number, in any spelling) names an account, so every way of naming it shares one count."""
    login = ((credentials or {}).get("username") or (credentials or {}).get("email") or "").strip()
    if not login:
        return None
    if "@" in login:
        user = User.objects.filter(email__iexact=login).only("email").first()
        return user.email.lower() if user else login.lower()
    try:
        phone = normalize_phone(login)
    except ValidationError:
        return login[:150]
    user = User.objects.filter(phone=phone).only("email").first()
    return user.email.lower() if user and user.email else str(phone)


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit per kind of count: ``get_failures`` answers the
    worst count scaled to the account limit (axes compares every count with one number)."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        account_limit = settings.LOGIN_FAILURE_LIMIT
        scaled = 0
        for limit, attempts in zip(
            (account_limit, settings.LOGIN_ADDRESS_FAILURE_LIMIT),
            self.get_user_attempts(request, credentials),
            strict=True,
        ):
            failures = sum(attempts.values_list("failures_since_start", flat=True))
            scaled = max(scaled, failures * account_limit // limit)
        return scaled

    def user_logged_in(self, sender, request, user, **kwargs):
        """A successful sign-in clears the account's failures (never the address's: one
        working account must not reset the count of guesses at others)."""
        super().user_logged_in(sender, request, user, **kwargs)
        clear_account_failures(user.email)


def clear_account_failures(email: str) -> None:
    """Forget failed sign-ins counted under this account (after it signed in)."""
    if email:
        AccessAttempt.objects.filter(username=email.lower()).delete()


def lockout_ends_at(request, credentials: dict | None) -> datetime | None:
    """When this client may try again (the later of the account's and the address's lock)."""
    now = timezone.now()
    window = lockout_window()
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    ends = None
    for field, value, limit in (
        ("username", username, settings.LOGIN_FAILURE_LIMIT),
        ("ip_address", address, settings.LOGIN_ADDRESS_FAILURE_LIMIT),
    ):
        if not value:
            continue
        rows = list(
            AccessAttempt.objects.filter(Q(**{field: value}), attempt_time__gte=now - window)
            .order_by("attempt_time")
            .values_list("attempt_time", "failures_since_start")
        )
        remaining = sum(failures for _, failures in rows)
        for attempt_time, failures in rows:  # the lock lasts until enough rows age out
            if remaining < limit:
                break
            remaining -= failures
            if remaining < limit:
                candidate = attempt_time + window
                ends = candidate if ends is None or candidate > ends else ends
    return ends


def wait_message(ends: datetime | None) -> str:
    seconds = (ends - timezone.now()).total_seconds() if ends else lockout_window().seconds
    minutes = max(1, int(-(-seconds // 60)))
    return ngettext(
        "Too many failed sign-ins. For your safety, try again in %(minutes)d minute.",
        "Too many failed sign-ins. For your safety, try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, response: HttpResponse | None = None, credentials=None):
    """Axes' lockout answer: the same sign-in page, its form showing how long to wait (429).

    The API keeps its own answer (``tokenCreate`` reports ``LOGIN_ATTEMPT_DELAYED``)."""
    if request.path.startswith("/graphql"):
        return response
    message = wait_message(lockout_ends_at(request, credentials))
    context = getattr(response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(response, TemplateResponse) and form is not None:
        form._errors = form._errors or {}
        form._errors["__all__"] = ErrorList([message])
        for name in list(form._errors):
            if name != "__all__":
                del form._errors[name]
        page = TemplateResponse(request, response.template_name, context, status=429)
        page["Retry-After"] = str(_retry_after(request, credentials))
        return page.render()
    page = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    page["Retry-After"] = str(_retry_after(request, credentials))
    return page


def _retry_after(request, credentials) -> int:
    ends = lockout_ends_at(request, credentials)
    if ends is None:
        return lockout_window().seconds
    return max(1, int((ends - timezone.now()).total_seconds()))


def sign_in_locked(request, login: str) -> bool:
    """Whether a sign-in as ``login`` from this request's address is refused now (for callers
    that answer in their own shape, as the API does)."""
    if not settings.AXES_ENABLED:
        return False
    AxesProxyHandler.update_request(request)
    return AxesProxyHandler.is_locked(request, {"username": login})


def api_failures_key(email: str) -> str:
    """The API's own per-account count (``tokenCreate``), in the cache."""
    return API_FAILURES_PREFIX + hashlib.sha256(email.encode()).hexdigest()


def unlock_account(user: User) -> int:
    """Forget an account's failed sign-ins (web and API): it may sign in again at once."""
    email = (user.email or "").lower()
    names = {email, str(user.phone)} - {"", "None"}
    deleted, _ = AccessAttempt.objects.filter(username__in=names).delete()
    if email:
        cache.delete(api_failures_key(email))
    return deleted


# ---- password reset requests ---------------------------------------------------------------


def forget_throttle_counts() -> None:
    """Drop every count kept in the cache (reset requests, the API's sign-in failures): tests
    start from none; an operator may too. Locks recorded by axes are database rows."""
    client = getattr(cache, "_cache", None)
    if client is not None and hasattr(client, "get_client"):
        redis = client.get_client(write=True)
        for pattern in (f"*{RESET_KEY_PREFIX}*", f"*{API_FAILURES_PREFIX}*"):
            keys = list(redis.scan_iter(match=pattern))
            if keys:
                redis.delete(*keys)
    else:
        cache.clear()


def _hit(key: str, window_seconds: int) -> tuple[int, float]:
    """Count one request under ``key``; the count and when its window ends."""
    now = time.time()
    cache.add(key + ":until", now + window_seconds, timeout=window_seconds)
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count, float(cache.get(key + ":until") or now + window_seconds)


def check_password_reset_request(request, email: str) -> None:
    """Refuse (``ValidationError`` saying how long to wait) a reset request over the limit for
    this email or this address; every request counts, whether the account exists or not."""
    window = settings.LOGIN_LOCKOUT_MINUTES * 60
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()
    account, account_until = _hit(f"{RESET_KEY_PREFIX}account:{digest}", window)
    address, address_until = _hit(f"{RESET_KEY_PREFIX}address:{client_ip(request)}", window)
    blocked_until = []
    if account > settings.PASSWORD_RESET_ACCOUNT_LIMIT:
        blocked_until.append(account_until)
    if address > settings.PASSWORD_RESET_ADDRESS_LIMIT:
        blocked_until.append(address_until)
    if blocked_until:
        ends = datetime.fromtimestamp(max(blocked_until), tz=timezone.get_current_timezone())
        minutes = max(1, int(-(-(ends.timestamp() - time.time()) // 60)))
        raise ValidationError(
            ngettext(
                "Too many password reset requests. Try again in %(minutes)d minute.",
                "Too many password reset requests. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
            code="throttled",
        )
