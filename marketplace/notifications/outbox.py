"""Writing notices into the outbox, inside the caller's transaction.

A service calls ``enqueue`` in the same ``transaction.atomic()`` block as the change that causes
the notice; delivery is scheduled with ``on_commit`` so a rolled-back change sends nothing.
"""

from dataclasses import dataclass
from functools import partial

from django.db import models, transaction
from django.db.models import Q

from marketplace.accounts.models import StaffRole, User

from .models import Channel, OutboxMessage
from .tasks import deliver_outbox_message


@dataclass(frozen=True)
class Recipient:
    channel: str
    address: str
    language: str = "id"


def recipients_for_group(group) -> list[Recipient]:
    """Every active member of a group, on each channel the member chose."""
    recipients = []
    for member in group.members.filter(is_active=True).select_related("user"):
        user = member.user
        language = user.language_code or "id"
        if member.notify_email and user.email:
            recipients.append(Recipient(Channel.EMAIL, user.email, language))
        if member.notify_whatsapp and user.phone:
            recipients.append(Recipient(Channel.WHATSAPP, str(user.phone), language))
        if member.notify_sms and user.phone:
            recipients.append(Recipient(Channel.SMS, str(user.phone), language))
    if not recipients and group.email:
        recipients.append(Recipient(Channel.EMAIL, group.email, "id"))
    return recipients


def recipients_for_province_staff(province_code: str) -> list[Recipient]:
    """Staff of one province plus national admins, by email."""
    staff = User.objects.filter(is_active=True, is_staff=True).filter(
        Q(staff_province_id=province_code) | Q(staff_role=StaffRole.NATIONAL_ADMIN)
    )
    return [Recipient(Channel.EMAIL, user.email, user.language_code or "id") for user in staff]


def enqueue(
    event: str,
    *,
    about: models.Model,
    recipients: list[Recipient],
    context: dict | None = None,
) -> list[OutboxMessage]:
    """Write one outbox row per recipient; a repeat of the same notice is ignored."""
    subject_type = about._meta.label_lower
    created = []
    for recipient in recipients:
        key = f"{event}:{subject_type}:{about.pk}:{recipient.address}:{recipient.channel}"
        message, was_created = OutboxMessage.objects.get_or_create(
            dedupe_key=key[:255],
            defaults={
                "event": event,
                "channel": recipient.channel,
                "recipient": recipient.address,
                "language": recipient.language,
                "subject_type": subject_type,
                "subject_id": str(about.pk),
                "context": context or {},
            },
        )
        if was_created:
            created.append(message)
            transaction.on_commit(partial(deliver_outbox_message.delay, message.pk))
    return created
