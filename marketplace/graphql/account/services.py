"""Account operations the API offers (registration, profile, passwords).

The accounts app has no service layer of its own; these are the business operations behind the
account mutations, each in one transaction, with notices written to the outbox.
"""

from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.notifications.models import Channel
from marketplace.notifications.outbox import Recipient, enqueue

from ..models import PasswordResetRequest

RESET_THROTTLE = timedelta(minutes=5)
PASSWORD_CODES = {
    "password_too_short": "PASSWORD_TOO_SHORT",
    "password_too_common": "PASSWORD_TOO_COMMON",
    "password_entirely_numeric": "PASSWORD_ENTIRELY_NUMERIC",
    "password_too_similar": "PASSWORD_TOO_SIMILAR",
}


class AccountError(Exception):
    def __init__(self, code: str, message: str, *, field: str | None = None):
        self.code, self.message, self.field = code, str(message), field
        super().__init__(self.message)


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as err:
        first = err.error_list[0]
        raise AccountError(
            PASSWORD_CODES.get(first.code, "INVALID_PASSWORD"),
            " ".join(" ".join(e.messages) for e in err.error_list),
            field="password",
        )


def normalize_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError("INVALID", _("Enter a valid email address."), field="email")
    return email


def register_account(
    *, email: str, password: str, first_name: str = "", last_name: str = "", language: str = "id"
) -> User:
    """A new customer account; the password must pass the site's validators."""
    email = normalize_email(email)
    user = User(email=email, first_name=first_name[:150], last_name=last_name[:150])
    user.language_code = language if language in ("id", "en") else "id"
    _check_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            if User.objects.filter(email__iexact=email).exists():
                raise IntegrityError("email taken")
            user.save()
    except IntegrityError:
        raise AccountError(
            "UNIQUE", _("A user with this email address already exists."), field="email"
        )
    return user


def update_account(user_id: int, *, changes: dict) -> User:
    """Change a user's own names and language."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        for field in ("first_name", "last_name"):
            if field in changes and changes[field] is not None:
                setattr(user, field, changes[field].strip()[:150])
        if changes.get("language_code") in ("id", "en"):
            user.language_code = changes["language_code"]
        user.save(update_fields=["first_name", "last_name", "language_code"])
    return user


def change_password(user_id: int, *, old_password: str, new_password: str) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if not user.check_password(old_password or ""):
            raise AccountError(
                "INVALID_PASSWORD", _("Old password isn't valid."), field="oldPassword"
            )
        _check_password(new_password, user)
        user.set_password(new_password)
        user.save(update_fields=["password"])
    return user


def _allowed_redirect(url: str) -> bool:
    parts = urlsplit(url or "")
    site = urlsplit(settings.SITE_URL)
    allowed = {site.hostname, *(h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*")}
    return parts.scheme in ("http", "https") and parts.hostname in allowed


def request_password_reset(*, email: str, redirect_url: str) -> PasswordResetRequest | None:
    """Queue a reset link for an active account; unknown emails get no notice and no error."""
    if not _allowed_redirect(redirect_url):
        raise AccountError("INVALID", _("This redirect URL is not allowed."), field="redirectUrl")
    email = normalize_email(email)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email, is_active=True).first()
        if user is None:
            return None
        recent = user.api_password_resets.filter(created_at__gte=timezone.now() - RESET_THROTTLE)
        if recent.exists():
            raise AccountError(
                "PASSWORD_RESET_ALREADY_REQUESTED",
                _("A password reset was requested a moment ago; check your email."),
                field="email",
            )
        reset = PasswordResetRequest.objects.create(user=user, redirect_url=redirect_url)
        token = default_token_generator.make_token(user)
        link = f"{redirect_url}{'&' if '?' in redirect_url else '?'}" + urlencode(
            {"email": user.email, "token": token}
        )
        enqueue(
            "password_reset",
            about=reset,
            recipients=[Recipient(Channel.EMAIL, user.email, user.language_code)],
            context={"reset_url": link, "name": user.first_name or user.email},
        )
    return reset


def set_password(*, email: str, token: str, password: str) -> User:
    """Finish a reset: a valid token for that account sets the new password (once)."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=(email or "").strip().lower()).first()
        if user is None or not user.is_active:
            raise AccountError("NOT_FOUND", _("No account with this email address."), field="email")
        if not default_token_generator.check_token(user, token or ""):
            raise AccountError("INVALID", _("Invalid or expired token."), field="token")
        _check_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
    return user
