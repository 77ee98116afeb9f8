"""Receiving one member's message: stored once, applied once, answered once through the outbox.

Everything happens in one transaction: the inbound row (unique per gateway message id), the
command through the order / catalog service (its own savepoint, so a refused command changes
nothing), and the outbox row carrying the answer. A replayed message id finds the row and
returns it untouched: no second change, no second answer.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.core.errors import DomainError
from marketplace.core.phones import normalize_phone
from marketplace.groups.membership import member_groups

from .. import outbox
from ..models import Channel
from . import commands, parser
from .errors import InboundErrorCode
from .models import InboundMessage, InboundOutcome

logger = logging.getLogger("marketplace.notifications")

REPLY_EVENT = "whatsapp_reply"
MAX_TEXT = 2000
STRANGER_REPLY_HOURS = 24


@dataclass(frozen=True)
class Received:
    message: InboundMessage
    duplicate: bool


def receive_message(*, gateway: str, external_id: str, sender: str, text: str) -> Received:
    """Store the message under the gateway's id; apply and answer it the first time only."""
    with transaction.atomic():
        message, created = InboundMessage.objects.get_or_create(
            gateway=gateway,
            external_id=external_id[:200],
            defaults={
                "sender": sender[:64],
                "text": (text or "")[:MAX_TEXT],
                "outcome": InboundOutcome.IGNORED,
            },
        )
        if not created:
            return Received(message, duplicate=True)
        _handle(message)
    return Received(message, duplicate=False)


def _handle(message: InboundMessage) -> None:
    try:
        phone = normalize_phone(message.sender)
    except ValidationError:
        logger.info("inbound %s message from a non-phone sender ignored", message.gateway)
        return  # a WhatsApp group or a broadcast: nobody to answer
    message.sender = phone
    user = User.objects.filter(phone=phone, is_active=True).first()
    groups = member_groups(user) if user is not None else []
    if not groups:
        if _answered_stranger_recently(phone):
            message.outcome = InboundOutcome.UNKNOWN_SENDER
            message.error_code = InboundErrorCode.UNKNOWN_SENDER
            message.save()
            return
        with translation.override("id"):
            _finish(
                message,
                outcome=InboundOutcome.UNKNOWN_SENDER,
                error_code=InboundErrorCode.UNKNOWN_SENDER,
                reply=_(
                    "This number is not registered as an active member of a UPPKS group on "
                    "Pasar UPPKS. Ask your group's leader or your BKKBN field officer."
                ),
            )
        return
    message.member = user
    language = user.language_code if user.language_code in ("id", "en") else "id"
    with translation.override(language):
        try:
            command = parser.parse(message.text)
            message.command = command.name
            result = commands.apply(command, user=user, groups=groups)
        except DomainError as error:
            _finish(
                message,
                outcome=InboundOutcome.REFUSED,
                error_code=str(error.code),
                reply=error.message + "\n" + _("Send BANTUAN for the list of commands."),
                language=language,
            )
            return
        outcome = InboundOutcome.HELP if command.name == parser.HELP else InboundOutcome.APPLIED
        message.fulfillment = result.fulfillment
        _finish(message, outcome=outcome, reply=result.reply, language=language)


def _answered_stranger_recently(phone: str) -> bool:
    """A stranger is told once a day that the number is for members, not on every message."""
    return InboundMessage.objects.filter(
        sender=phone,
        outcome=InboundOutcome.UNKNOWN_SENDER,
        received_at__gte=timezone.now() - timedelta(hours=STRANGER_REPLY_HOURS),
    ).exists()


def _finish(
    message: InboundMessage, *, outcome: str, reply: str, error_code: str = "", language="id"
) -> None:
    message.outcome = outcome
    message.error_code = error_code
    message.reply = reply
    message.save()
    outbox.enqueue(
        REPLY_EVENT,
        about=message,
        recipients=[outbox.Recipient(Channel.WHATSAPP, message.sender, language)],
        context={"reply": reply},
    )
