"""Account operations: registration, profile, passwords and password resets.

Each runs in one transaction; notices are written to the outbox in the same transaction. The API,
the group portal and the storefront call these functions and only translate input and output.
"""

from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core import audit
from marketplace.notifications import outbox
from marketplace.notifications.models import Channel

from .errors import AccountError, AccountErrorCode
from .models import AccountDeletionRequest, PasswordResetRequest, User, new_jwt_token_key
from .throttle import unlock_account

PASSWORD_RESET_EVENT = "password_reset"
ACCOUNT_DELETE_EVENT = "account_delete"
API_RESET_THROTTLE = timedelta(minutes=5)
PASSWORD_CODES = {
    "password_too_short": AccountErrorCode.PASSWORD_TOO_SHORT,
    "password_too_common": AccountErrorCode.PASSWORD_TOO_COMMON,
    "password_entirely_numeric": AccountErrorCode.PASSWORD_ENTIRELY_NUMERIC,
    "password_too_similar": AccountErrorCode.PASSWORD_TOO_SIMILAR,
}


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as err:
        first = err.error_list[0]
        raise AccountError(
            PASSWORD_CODES.get(first.code, AccountErrorCode.INVALID_PASSWORD),
            " ".join(" ".join(e.messages) for e in err.error_list),
            field="password",
        )


def normalize_email(email: str) -> str:
    """A valid, lower-cased email address, or an ``invalid`` error on ``email``."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError(
            AccountErrorCode.INVALID, _("Enter a valid email address."), field="email"
        )
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
            AccountErrorCode.UNIQUE,
            _("A user with this email address already exists."),
            field="email",
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
    """A signed-in user's new password; the old one must match."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if not user.check_password(old_password or ""):
            raise AccountError(
                AccountErrorCode.INVALID_PASSWORD,
                _("Old password isn't valid."),
                field="old_password",
            )
        _check_password(new_password, user)
        user.set_password(new_password)
        user.save(update_fields=["password"])
    return user


def request_password_reset(
    *, user_id: int, reset_url: str, throttle: timedelta | None = None
) -> PasswordResetRequest:
    """Record one reset request and queue one ``password_reset`` notice carrying ``reset_url``.

    The link (with its token) goes to the notice as an outbox *secret*: never stored on the
    request row, never shown in the admin, erased once the notice is sent or has failed. Each
    request is its own row, so a later request sends a new link. With ``throttle``, a repeat
    within that time (from any channel) is refused and nothing is queued.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if throttle is not None:
            recent = user.password_resets.filter(created_at__gte=timezone.now() - throttle)
            if recent.exists():
                raise AccountError(
                    AccountErrorCode.PASSWORD_RESET_ALREADY_REQUESTED,
                    _("A password reset was requested a moment ago; check your email."),
                    field="email",
                )
        reset = PasswordResetRequest.objects.create(user=user)
        outbox.enqueue(
            PASSWORD_RESET_EVENT,
            about=reset,
            recipients=[outbox.Recipient(Channel.EMAIL, user.email, user.language_code or "id")],
            context={"name": user.get_full_name()},
            secrets={"reset_url": reset_url},
        )
    return reset


def _allowed_redirect(url: str) -> bool:
    parts = urlsplit(url or "")
    site = urlsplit(settings.SITE_URL)
    allowed = {site.hostname, *(h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*")}
    return parts.scheme in ("http", "https") and parts.hostname in allowed


def request_password_reset_by_email(
    *, email: str, redirect_url: str
) -> PasswordResetRequest | None:
    """The API's reset: a link to the client's ``redirect_url`` with ``email`` and ``token``.

    Unknown emails get no notice and no error; a repeat within five minutes is refused.
    """
    if not _allowed_redirect(redirect_url):
        raise AccountError(
            AccountErrorCode.INVALID, _("This redirect URL is not allowed."), field="redirect_url"
        )
    user = User.objects.filter(email=normalize_email(email), is_active=True).first()
    if user is None:
        return None
    query = urlencode({"email": user.email, "token": default_token_generator.make_token(user)})
    link = f"{redirect_url}{'&' if '?' in redirect_url else '?'}{query}"
    return request_password_reset(user_id=user.pk, reset_url=link, throttle=API_RESET_THROTTLE)


def set_password(*, email: str, token: str, password: str) -> User:
    """Finish a reset: a valid token for that account sets the new password (once)."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=(email or "").strip().lower()).first()
        if user is None or not user.is_active:
            raise AccountError(
                AccountErrorCode.NOT_FOUND, _("No account with this email address."), field="email"
            )
        if not default_token_generator.check_token(user, token or ""):
            raise AccountError(
                AccountErrorCode.INVALID, _("Invalid or expired token."), field="token"
            )
        _check_password(password, user)
        user.set_password(password)
        user.jwt_token_key = new_jwt_token_key()  # a reset signs the account out everywhere
        user.save(update_fields=["password", "jwt_token_key"])
    return user


class AccountDeletionTokenGenerator(PasswordResetTokenGenerator):
    """One-time deletion tokens: a reset token is not one of them (another salt)."""

    key_salt = "marketplace.accounts.AccountDeletionTokenGenerator"


deletion_token_generator = AccountDeletionTokenGenerator()


def request_account_deletion(*, user_id: int, redirect_url: str) -> AccountDeletionRequest:
    """Saleor's ``accountRequestDeletion``: email the user a link to ``redirect_url`` with a
    one-time ``token``; nothing is deleted until ``delete_account`` gets that token.

    The link goes to the notice as an outbox secret (never stored, never in the admin). A repeat
    within five minutes is refused and queues nothing.
    """
    if not _allowed_redirect(redirect_url):
        raise AccountError(
            AccountErrorCode.INVALID, _("This redirect URL is not allowed."), field="redirect_url"
        )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if user.deletion_requests.filter(
            created_at__gte=timezone.now() - API_RESET_THROTTLE
        ).exists():
            raise AccountError(
                AccountErrorCode.INVALID,
                _("Account deletion was requested a moment ago; check your email."),
                field="redirect_url",
            )
        request = AccountDeletionRequest.objects.create(user=user)
        query = urlencode({"token": deletion_token_generator.make_token(user)})
        link = f"{redirect_url}{'&' if '?' in redirect_url else '?'}{query}"
        outbox.enqueue(
            ACCOUNT_DELETE_EVENT,
            about=request,
            recipients=[outbox.Recipient(Channel.EMAIL, user.email, user.language_code or "id")],
            context={"name": user.get_full_name()},
            secrets={"delete_url": link},
        )
    return request


def delete_account(user_id: int, *, token: str) -> User:
    """Delete the signed-in user's account with the emailed token. Staff accounts and accounts
    other records depend on (payouts, curation) are refused and stay as they are; orders keep
    their lines and lose only the link to the account."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if not deletion_token_generator.check_token(user, token or ""):
            raise AccountError(
                AccountErrorCode.INVALID, _("Invalid or expired token."), field="token"
            )
        if user.is_staff or user.is_superuser:
            raise AccountError(
                AccountErrorCode.INVALID,
                _("A staff account is closed by a national admin, not from the shop."),
                field="token",
            )
        deleted_pk = user.pk
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:
            raise AccountError(
                AccountErrorCode.INVALID,
                _("This account is still needed by other records; ask the BKKBN team to close it."),
                field="token",
            )
        user.pk = deleted_pk
    return user


def deactivate_all_tokens(user_id: int) -> User:
    """Sign the user out everywhere: every access and refresh token issued before dies."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        user.jwt_token_key = new_jwt_token_key()
        user.save(update_fields=["jwt_token_key"])
    return user


def unlock_sign_in(user_id: int, *, actor: User) -> int:
    """Lift a sign-in lock (web and API) at once; audit-logged with the failures forgotten.

    Answers how many failed-attempt records were cleared (0: the account was not locked)."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        cleared = unlock_account(user)
        audit.record(actor, user, "sign_in_unlocked", {"failed_attempt_records": [cleared, 0]})
    return cleared
