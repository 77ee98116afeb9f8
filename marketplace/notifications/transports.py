"""Sending one outbox message on its channel."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .models import Channel, OutboxMessage

logger = logging.getLogger("marketplace.notifications")


class TransportError(Exception):
    """A send that may succeed if tried again later."""


def render(message: OutboxMessage) -> tuple[str, str, str | None]:
    """(subject, text, html) in the recipient's language."""
    context = {**message.context, "message": message, "site_url": settings.SITE_URL}
    with translation.override(message.language):
        base = f"notifications/{message.event}"
        subject = render_to_string(f"{base}_subject.txt", context).strip()
        text = render_to_string(f"{base}.txt", context)
        try:
            html = render_to_string(f"{base}.html", context)
        except TemplateDoesNotExist:
            html = None
    return " ".join(subject.split()), text, html


def send(message: OutboxMessage) -> None:
    subject, text, html = render(message)
    if message.channel == Channel.EMAIL:
        email = EmailMultiAlternatives(
            subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [message.recipient],
            headers={"Message-ID": f"<{message.idempotency_key}@pasar-uppks>"},
        )
        if html:
            email.attach_alternative(html, "text/html")
        try:
            email.send()
        except OSError as exc:
            raise TransportError(str(exc)) from exc
        return
    # WhatsApp and SMS go through the gateway backend of the notifications domain.
    logger.info(
        "notice %s to %s via %s: %s", message.pk, message.recipient, message.channel, subject
    )
