"""Outbox rows and the people notices go to."""

from datetime import timedelta

import factory
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from marketplace.accounts.models import StaffRole
from marketplace.notifications.models import Channel, OutboxAttempt, OutboxMessage, OutboxStatus

from .accounts import StaffUserFactory, UserFactory
from .groups import GroupMemberFactory
from .regions import BALI, province


def stored_outbox() -> str:
    """Everything the outbox holds (messages and attempts) as one text, to search for a secret."""
    rows = [*OutboxMessage.objects.values(), *OutboxAttempt.objects.values()]
    return DjangoJSONEncoder().encode(rows)


def reminder_context(**overrides) -> dict:
    """A context the ``fulfillment_accept_reminder`` templates render."""
    context = {
        "order_number": 100123,
        "fulfillment_id": 1,
        "group_name": "UPPKS Mawar",
        "group_code": "UPPKS-0001",
        "group_phone": "+6281234000001",
        "lines": [
            {
                "product_name": "Sabun Propolis",
                "variant_name": "100 g",
                "quantity": 3,
                "total_price": 75_000,
            }
        ],
        "lines_total": 75_000,
        "delivery_regency": "Kabupaten Klungkung",
        "delivery_district": "Banjarangkan",
        "routed_at": (timezone.now() - timedelta(hours=13)).isoformat(),
        "hours_waiting": 13,
        "accept_deadline": (timezone.now() + timedelta(hours=35)).isoformat(),
    }
    context.update(overrides)
    return context


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    event = "fulfillment_accept_reminder"
    channel = Channel.EMAIL
    recipient = factory.Sequence(lambda n: f"anggota{n}@example.id")
    language = "id"
    subject_type = "orders.fulfillment"
    subject_id = factory.Sequence(lambda n: str(n + 1))
    context = factory.LazyFunction(reminder_context)
    dedupe_key = factory.LazyAttribute(
        lambda m: f"{m.event}:{m.subject_type}:{m.subject_id}:{m.recipient}:{m.channel}"
    )
    status = OutboxStatus.PENDING
    retry_limit = 8


class MemberUserFactory(UserFactory):
    phone = factory.Sequence(lambda n: f"+62813{5500000 + n:07d}")


def member(group, *, email=True, whatsapp=False, sms=False, language="id", **kwargs):
    """A group member with a phone, receiving on the channels given."""
    return GroupMemberFactory(
        group=group,
        user=MemberUserFactory(language_code=language, **kwargs),
        notify_email=email,
        notify_whatsapp=whatsapp,
        notify_sms=sms,
    )


def province_staff(code: str = BALI, *, role=StaffRole.PROVINCE_CURATOR, **kwargs):
    return StaffUserFactory(staff_role=role, staff_province=province(code), **kwargs)


def national_admin(**kwargs):
    return StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN, **kwargs)
