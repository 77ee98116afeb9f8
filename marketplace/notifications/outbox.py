"""Writing notices into the outbox, inside the caller's transaction.

A service calls ``enqueue`` in the same ``transaction.atomic()`` block as the change that causes
the notice; delivery is scheduled with ``on_commit`` so a rolled-back change sends nothing, and a
broker outage at commit never fails the caller (the row waits for the re-dispatch beat job).
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from marketplace.accounts.models import StaffRole, User
from marketplace.core.phones import normalize_phone

from .dispatch import schedule_deliveries
from .models import PHONE_CHANNELS, Channel, OutboxMessage

logger = logging.getLogger("marketplace.notifications")

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Recipient:
    channel: str
    address: str
    language: str = "id"


def _language(code: str | None) -> str:
    return code if code in LANGUAGES else "id"


def recipients_for_group(group) -> list[Recipient]:
    """Every active member of a group, on each channel the member chose.

    A group with no member to reach is told on its own email and WhatsApp number.
    """
    recipients = []
    members = group.members.filter(is_active=True, user__is_active=True)
    for member in members.select_related("user").order_by("pk"):
        user = member.user
        language = _language(user.language_code)
        if member.notify_email and user.email:
            recipients.append(Recipient(Channel.EMAIL, user.email, language))
        if member.notify_whatsapp and user.phone:
            recipients.append(Recipient(Channel.WHATSAPP, str(user.phone), language))
        if member.notify_sms and user.phone:
            recipients.append(Recipient(Channel.SMS, str(user.phone), language))
    if not recipients:
        if group.email:
            recipients.append(Recipient(Channel.EMAIL, group.email, "id"))
        if group.phone:
            recipients.append(Recipient(Channel.WHATSAPP, str(group.phone), "id"))
    return recipients


def recipients_for_province_staff(province_code: str) -> list[Recipient]:
    """Staff of one province plus national admins, by email."""
    staff = (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(staff_province_id=province_code, staff_role__in=_PROVINCE_ROLES)
            | Q(staff_role=StaffRole.NATIONAL_ADMIN)
        )
        .exclude(email="")
        .order_by("pk")
    )
    return [Recipient(Channel.EMAIL, user.email, _language(user.language_code)) for user in staff]


_PROVINCE_ROLES = (StaffRole.PROVINCE_CURATOR, StaffRole.PROVINCE_VIEWER)


def dedupe_key(event: str, about: models.Model, recipient: Recipient) -> str:
    """event + object + recipient + channel; hashed when an address makes it too long."""
    key = f"{event}:{about._meta.label_lower}:{about.pk}:{recipient.address}:{recipient.channel}"
    if len(key) <= 255:
        return key
    return (
        f"{event}:{about._meta.label_lower}:{about.pk}:" + hashlib.sha256(key.encode()).hexdigest()
    )


def _normalized(recipient: Recipient) -> Recipient | None:
    if recipient.channel in PHONE_CHANNELS:
        try:
            address = normalize_phone(recipient.address)
        except ValidationError:
            logger.warning("skipping a %s notice to a bad number", recipient.channel)
            return None
    elif recipient.channel == Channel.EMAIL:
        address = recipient.address.strip()
        if "@" not in address:
            logger.warning("skipping an email notice to a bad address")
            return None
    else:
        raise ValueError(f"unknown channel {recipient.channel!r}")
    return Recipient(Channel(recipient.channel), address, _language(recipient.language))


def enqueue(
    event: str,
    *,
    about: models.Model,
    recipients: list[Recipient],
    context: dict | None = None,
    secrets: dict | None = None,
) -> list[OutboxMessage]:
    """Write one outbox row per recipient; a repeat of the same notice is ignored.

    ``secrets`` are template values only the recipient may see (a one-time link): rendered like
    ``context``, never shown in the admin, erased once the notice is sent or has failed.
    Returns the rows created now. Call it inside the transaction of the change it reports.
    """
    if not event or about.pk is None:
        raise ValueError("a notice needs an event and a saved object")
    created = []
    seen = set()
    for raw in recipients:
        recipient = _normalized(raw)
        if recipient is None or (recipient.channel, recipient.address) in seen:
            continue
        seen.add((recipient.channel, recipient.address))
        message, was_created = OutboxMessage.objects.get_or_create(
            dedupe_key=dedupe_key(event, about, recipient),
            defaults={
                "event": event,
                "channel": recipient.channel,
                "recipient": recipient.address,
                "language": recipient.language,
                "subject_type": about._meta.label_lower,
                "subject_id": str(about.pk),
                "context": context or {},
                "secret_context": secrets or {},
                "retry_limit": settings.NOTIFICATION_MAX_ATTEMPTS,
            },
        )
        if was_created:
            created.append(message)
    schedule_deliveries([message.pk for message in created])
    return created
