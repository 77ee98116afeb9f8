"""Sending one outbox message on its channel: email over SMTP, WhatsApp / SMS via a gateway.

A transport either returns a ``Receipt`` or raises ``TransportError`` (try again later) or
``PermanentTransportError`` (trying again cannot help: bad address, refused by the gateway).
Every send carries the message's stable idempotency key, so a receiver can drop a repeat.
"""

import logging
import smtplib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from .gateways import PermanentTransportError, Receipt, TransportError, gateway_for
from .models import Channel, OutboxMessage

logger = logging.getLogger("marketplace.notifications")

__all__ = [
    "PermanentTransportError",
    "Receipt",
    "RenderedNotice",
    "TransportError",
    "render",
    "send",
]

SMS_MAX_CHARS = 459  # three concatenated GSM segments


@dataclass(frozen=True)
class RenderedNotice:
    subject: str
    text: str
    html: str
    short_text: str  # for SMS


def render_text(name: str, context: dict) -> str:
    """A plain-text template, without HTML escaping (``&`` stays ``&`` in a WhatsApp text)."""
    return get_template(name).template.render(Context(context, autoescape=False))


def _optional(render_function, name: str, context: dict) -> str | None:
    try:
        return render_function(name, context)
    except TemplateDoesNotExist:
        return None


def render(message: OutboxMessage) -> RenderedNotice:
    """The notice in the recipient's language, times in Jakarta time; amounts via ``rupiah``."""
    language = message.language if message.language in dict(settings.LANGUAGES) else "id"
    context = {
        **message.context,
        **message.secret_context,
        "message": message,
        "event": message.event,
        "language": language,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        base = f"notifications/{message.event}"
        subject = " ".join(render_text(f"{base}_subject.txt", context).split())
        text = render_text(f"{base}.txt", context).strip() + "\n"
        html = _optional(render_to_string, f"{base}.html", context)
        if html is None:
            html = render_to_string(
                "notifications/email_fallback.html",
                {**context, "subject": subject, "text": text},
            )
        short = _optional(render_text, f"{base}_sms.txt", context)
    if short is None:
        short = f"{subject}\n{text}"
    short = short.strip()
    if len(short) > SMS_MAX_CHARS:
        short = short[: SMS_MAX_CHARS - 1].rstrip() + "…"
    return RenderedNotice(subject=subject, text=text, html=html, short_text=short)


def send(message: OutboxMessage) -> Receipt:
    """Send one message once; raises TransportError / PermanentTransportError on failure."""
    if message.secrets_erased:
        raise PermanentTransportError("its one-time secrets were erased; it cannot be sent again")
    try:
        notice = render(message)
    except TemplateDoesNotExist as exc:
        raise PermanentTransportError(f"no template for {message.event}: {exc}") from exc
    if message.channel == Channel.EMAIL:
        return send_email(message, notice)
    if message.channel in (Channel.WHATSAPP, Channel.SMS):
        text = notice.short_text if message.channel == Channel.SMS else _whatsapp_text(notice)
        return gateway_for(message.channel).send(message, text=text, subject=notice.subject)
    raise PermanentTransportError(f"unknown channel {message.channel!r}")


def _whatsapp_text(notice: RenderedNotice) -> str:
    return f"*{notice.subject}*\n\n{notice.text.strip()}"


def send_email(message: OutboxMessage, notice: RenderedNotice) -> Receipt:
    """SMTP with a Message-ID that is the same on every attempt of this notice."""
    email = EmailMultiAlternatives(
        notice.subject,
        notice.text,
        settings.DEFAULT_FROM_EMAIL,
        [message.recipient],
        headers={
            "Message-ID": message.message_id_header,
            "X-Idempotency-Key": message.idempotency_key,
            "Auto-Submitted": "auto-generated",
        },
        connection=_mail_connection(),
    )
    email.attach_alternative(notice.html, "text/html")
    try:
        sent = email.send()
    except smtplib.SMTPRecipientsRefused as exc:
        _drop_mail_connection()
        raise PermanentTransportError(f"recipient refused: {exc.recipients}") from exc
    except smtplib.SMTPResponseException as exc:
        _drop_mail_connection()
        error = f"SMTP {exc.smtp_code}: {exc.smtp_error!r}"
        if 500 <= exc.smtp_code < 600:
            raise PermanentTransportError(error) from exc
        raise TransportError(error) from exc
    except (smtplib.SMTPException, OSError) as exc:
        _drop_mail_connection()
        raise TransportError(f"SMTP: {exc.__class__.__name__}: {exc}") from exc
    except BaseException:
        _drop_mail_connection()  # never reuse a connection in an unknown state
        raise
    _mail_state["used_at"] = time.monotonic()
    if sent != 1:
        raise TransportError("the email backend sent nothing")
    return Receipt(external_id=message.message_id_header)


# One SMTP connection per worker process, reused while it is fresh: an SMTP server drops idle
# clients, so a connection idle for longer than this is closed and a new one opened.
MAIL_CONNECTION_IDLE_SECONDS = 20
_mail_state: dict = {"connection": None, "key": None, "used_at": 0.0}


def _mail_key() -> tuple:
    return (settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)


def _mail_connection():
    """The process's open SMTP connection; opening errors are a TransportError."""
    idle = time.monotonic() - _mail_state["used_at"]
    if _mail_state["connection"] is not None and (
        idle > MAIL_CONNECTION_IDLE_SECONDS or _mail_state["key"] != _mail_key()
    ):
        _drop_mail_connection()
    if _mail_state["connection"] is None:
        _mail_state["connection"] = get_connection(fail_silently=False)
        _mail_state["key"] = _mail_key()
    connection = _mail_state["connection"]
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as exc:
        _drop_mail_connection()
        raise TransportError(f"SMTP: {exc.__class__.__name__}: {exc}") from exc
    return connection


def _drop_mail_connection() -> None:
    connection, _mail_state["connection"] = _mail_state["connection"], None
    if connection is not None:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection may fail too
            logger.debug("closing a broken SMTP connection failed", exc_info=True)
