"""Reminding groups of fulfilments they have not accepted, and alerting staff when overdue.

A fulfilment waits from the moment its order is paid (that is when the group is told). After
``FULFILLMENT_ACCEPT_REMINDER_HOURS`` the group gets ``fulfillment_accept_reminder``; after
``FULFILLMENT_ACCEPT_OVERDUE_HOURS`` the staff of the group's province get
``fulfillment_accept_overdue``. Each is sent once per fulfilment (the outbox's dedupe key).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from marketplace.orders.models import Fulfillment, FulfillmentStatus, OrderStatus

from .models import OutboxMessage
from .outbox import enqueue, recipients_for_group, recipients_for_province_staff

REMINDER = "fulfillment_accept_reminder"
OVERDUE = "fulfillment_accept_overdue"


@dataclass(frozen=True)
class ReminderRun:
    reminded: int
    overdue: int


def send_fulfillment_reminders(*, now: datetime | None = None) -> ReminderRun:
    """One beat run: remind the waiting groups, alert staff about the overdue ones."""
    now = now or timezone.now()
    reminder_hours = settings.FULFILLMENT_ACCEPT_REMINDER_HOURS
    overdue_hours = settings.FULFILLMENT_ACCEPT_OVERDUE_HOURS
    reminded = sum(
        _notify(pk, event=REMINDER, now=now) for pk in _due(REMINDER, now, reminder_hours)
    )
    overdue = sum(_notify(pk, event=OVERDUE, now=now) for pk in _due(OVERDUE, now, overdue_hours))
    return ReminderRun(reminded=reminded, overdue=overdue)


def _due(event: str, now: datetime, hours: int) -> list[int]:
    """Waiting fulfilments routed more than ``hours`` ago that have no such notice yet."""
    already = OutboxMessage.objects.filter(
        event=event,
        subject_type=Fulfillment._meta.label_lower,
        subject_id=Cast(OuterRef("pk"), CharField()),
    )
    return list(
        Fulfillment.objects.waiting()
        .annotate(routed_at=Coalesce("order__paid_at", "created_at"))
        .filter(routed_at__lte=now - timedelta(hours=hours))
        .filter(~Exists(already))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _notify(fulfillment_id: int, *, event: str, now: datetime) -> int:
    """Lock the fulfilment, check it still waits, write the notice; 1 if written."""
    with transaction.atomic():
        fulfillment = (
            Fulfillment.objects.select_for_update(of=("self",))
            .select_related("order__regency", "order__district", "group__regency")
            .filter(
                pk=fulfillment_id,
                status=FulfillmentStatus.NEW,
                order__status=OrderStatus.UNFULFILLED,
            )
            .first()
        )
        if fulfillment is None:
            return 0
        group = fulfillment.group
        recipients = (
            recipients_for_group(group)
            if event == REMINDER
            else recipients_for_province_staff(group.regency.province_id)
        )
        created = enqueue(
            event,
            about=fulfillment,
            recipients=recipients,
            context=reminder_context(fulfillment, now),
        )
    return 1 if created else 0


def reminder_context(fulfillment: Fulfillment, now: datetime) -> dict:
    """What both notices show: the order, the group's own lines, where it goes, how long."""
    order = fulfillment.order
    routed_at = order.paid_at or fulfillment.created_at
    lines = [
        {
            "product_name": line.order_line.product_name,
            "variant_name": line.order_line.variant_name,
            "quantity": line.quantity,
            "total_price": line.quantity * line.order_line.unit_price,
        }
        for line in fulfillment.lines.select_related("order_line").order_by("pk")
    ]
    return {
        "order_number": order.number,
        "fulfillment_id": fulfillment.pk,
        "group_name": fulfillment.group.name,
        "group_code": fulfillment.group.code,
        "group_phone": str(fulfillment.group.phone or ""),
        "lines": lines,
        "lines_total": sum(line["total_price"] for line in lines),
        "delivery_regency": order.regency.name,
        "delivery_district": order.district.name if order.district_id else "",
        "routed_at": routed_at.isoformat(),
        "hours_waiting": int((now - routed_at).total_seconds() // 3600),
        "accept_deadline": (
            fulfillment.accept_deadline.isoformat() if fulfillment.accept_deadline else ""
        ),
    }
