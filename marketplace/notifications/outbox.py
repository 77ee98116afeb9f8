"""Writing notices into the outbox, inside the caller's transaction.

A service calls ``enqueue`` in the same ``transaction.atomic()`` block as the change that causes
the notice; delivery is scheduled with ``on_commit`` so a rolled-back change sends nothing, and a
broker outage at commit never fails the caller (the row waits for the re-dispatch beat job).
"""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Q

from marketplace.accounts.models import StaffRole, User
from marketplace.core.phones import normalize_phone
from marketplace.groups.models import GroupMember

from .dispatch import schedule_deliveries
from .models import PHONE_CHANNELS, Channel, OutboxMessage, Priority

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
        recipients.extend(_member_recipients(member))
    return recipients or _group_own_recipients(group)


def _member_recipients(member) -> list[Recipient]:
    user = member.user
    language = _language(user.language_code)
    recipients = []
    if member.notify_email and user.email:
        recipients.append(Recipient(Channel.EMAIL, user.email, language))
    if member.notify_whatsapp and user.phone:
        recipients.append(Recipient(Channel.WHATSAPP, str(user.phone), language))
    if member.notify_sms and user.phone:
        recipients.append(Recipient(Channel.SMS, str(user.phone), language))
    return recipients


def _group_own_recipients(group) -> list[Recipient]:
    recipients = []
    if group.email:
        recipients.append(Recipient(Channel.EMAIL, group.email, "id"))
    if group.phone:
        recipients.append(Recipient(Channel.WHATSAPP, str(group.phone), "id"))
    return recipients


def recipients_for_groups(groups) -> dict[int, list[Recipient]]:
    """``recipients_for_group`` for many groups with one query: group id → recipients."""
    groups = list(groups)
    by_group: dict[int, list[Recipient]] = {group.pk: [] for group in groups}
    members = (
        GroupMember.objects.filter(group__in=groups, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("group_id", "pk")
    )
    for member in members:
        by_group[member.group_id].extend(_member_recipients(member))
    for group in groups:
        if not by_group[group.pk]:
            by_group[group.pk] = _group_own_recipients(group)
    return by_group


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


@dataclass(frozen=True)
class Notice:
    """One notice about one object to a list of recipients (see ``enqueue``)."""

    event: str
    about: models.Model
    recipients: list[Recipient]
    context: dict | None = None
    secrets: dict | None = None


# Bulk mail waits behind everything else; a group told of a new order goes first.
URGENT_EVENTS = frozenset({"fulfillment_routed", "whatsapp_reply"})
BULK_EVENTS = frozenset(
    {
        "payout_sent",
        "fulfillment_accept_reminder",
        "fulfillment_accept_overdue",
        "group_morning_digest",
    }
)


def priority_of(event: str) -> int:
    """The delivery priority of an event: urgent, bulk (statements, reminders) or normal."""
    if event in URGENT_EVENTS:
        return Priority.URGENT
    if event in BULK_EVENTS or event.startswith("statement"):
        return Priority.BULK
    return Priority.NORMAL


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
    return enqueue_many([Notice(event, about, recipients, context, secrets)])


def enqueue_many(notices: Iterable[Notice]) -> list[OutboxMessage]:
    """``enqueue`` for many notices at once: one INSERT for all their rows, whatever the count.

    A row whose dedupe key exists already (a repeat) is skipped by the INSERT itself
    (``ON CONFLICT DO NOTHING``); the rows created now are returned with their ids, and their
    delivery is published once the caller's transaction commits.
    """
    rows: dict[str, OutboxMessage] = {}
    for notice in notices:
        if not notice.event or notice.about.pk is None:
            raise ValueError("a notice needs an event and a saved object")
        seen = set()
        for raw in notice.recipients:
            recipient = _normalized(raw)
            if recipient is None or (recipient.channel, recipient.address) in seen:
                continue
            seen.add((recipient.channel, recipient.address))
            key = dedupe_key(notice.event, notice.about, recipient)
            rows.setdefault(
                key,
                OutboxMessage(
                    dedupe_key=key,
                    event=notice.event,
                    channel=recipient.channel,
                    recipient=recipient.address,
                    language=recipient.language,
                    subject_type=notice.about._meta.label_lower,
                    subject_id=str(notice.about.pk),
                    context=notice.context or {},
                    secret_context=notice.secrets or {},
                    retry_limit=settings.NOTIFICATION_MAX_ATTEMPTS,
                    priority=priority_of(notice.event),
                ),
            )
    created = _insert_new(list(rows.values()))
    schedule_deliveries(created)
    return created


_INSERT_SQL = """
INSERT INTO {table} ({columns}) VALUES {rows}
ON CONFLICT ({key}) DO NOTHING
RETURNING {id}, {key}
"""


def _insert_new(messages: list[OutboxMessage]) -> list[OutboxMessage]:
    """One ``INSERT … ON CONFLICT (dedupe_key) DO NOTHING RETURNING``: the rows it created."""
    if not messages:
        return []
    connection = connections[router.db_for_write(OutboxMessage)]
    fields = [f for f in OutboxMessage._meta.concrete_fields if not f.primary_key]
    placeholders, params = [], []
    for message in messages:
        placeholders.append("(" + ", ".join(["%s"] * len(fields)) + ")")
        params.extend(
            field.get_db_prep_save(field.pre_save(message, add=True), connection)
            for field in fields
        )
    quote = connection.ops.quote_name
    # identifiers come from the model, every value is a parameter
    sql = _INSERT_SQL.format(
        table=quote(OutboxMessage._meta.db_table),
        columns=", ".join(quote(field.column) for field in fields),
        rows=", ".join(placeholders),
        key=quote("dedupe_key"),
        id=quote("id"),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = {key: pk for pk, key in cursor.fetchall()}
    created = []
    for message in messages:
        if message.dedupe_key in ids:
            message.pk = ids[message.dedupe_key]
            message._state.adding = False
            message._state.db = connection.alias
            created.append(message)
    return created
