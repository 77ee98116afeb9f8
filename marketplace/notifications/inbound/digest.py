"""The morning digest: at 07:00 WIB each group hears what waits for it today.

For each active group with something open: orders waiting to be accepted, of those the ones
whose accept deadline falls today and the ones already past it, and accepted orders still to
ship. One ``MorningDigest`` row per group and day makes a second beat run (or two beat
processes) write nothing more; the outbox row is about that digest, so it is sent once.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from marketplace.groups.models import UppksGroup
from marketplace.orders.models import Fulfillment, FulfillmentStatus, OrderStatus

from .. import outbox
from .models import MorningDigest

EVENT = "group_morning_digest"
LISTED = 10  # orders named per section; the count says how many more
PAID = (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)


@dataclass(frozen=True)
class DigestRun:
    day: date
    sent: int


def send_morning_digests(*, now: datetime | None = None) -> DigestRun:
    """Write today's digest for every group that has open orders and none yet today."""
    now = timezone.localtime(now or timezone.now())
    day = now.date()
    group_ids = (
        Fulfillment.objects.filter(
            group__is_active=True,
            order__status__in=PAID,
            status__in=[
                FulfillmentStatus.NEW,
                FulfillmentStatus.ACCEPTED,
                FulfillmentStatus.PACKED,
            ],
        )
        .exclude(group__morning_digests__day=day)
        .values_list("group_id", flat=True)
        .distinct()
        .order_by("group_id")
    )
    sent = sum(_send(group_id, day=day, now=now) for group_id in list(group_ids))
    return DigestRun(day=day, sent=sent)


def _send(group_id: int, *, day: date, now: datetime) -> int:
    with transaction.atomic():
        group = UppksGroup.objects.get(pk=group_id)
        context = digest_context(group, now=now)
        digest, created = MorningDigest.objects.get_or_create(
            group=group,
            day=day,
            defaults={key: context[f"{key}_count"] for key in SECTIONS},
        )
        if not created:
            return 0
        outbox.enqueue(
            EVENT, about=digest, recipients=outbox.recipients_for_group(group), context=context
        )
    return 1


SECTIONS = ("waiting", "due_today", "overdue", "to_ship")


def digest_context(group: UppksGroup, *, now: datetime) -> dict:
    """Four disjoint lists of the group's paid, open orders as of ``now`` (Jakarta time)."""
    end_of_day = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), time.min))
    open_ = (
        Fulfillment.objects.filter(group=group, order__status__in=PAID)
        .select_related("order")
        .order_by("accept_deadline", "pk")
    )
    new = open_.filter(status=FulfillmentStatus.NEW)
    sections = {
        "overdue": new.filter(accept_deadline__lt=now),
        "due_today": new.filter(accept_deadline__gte=now, accept_deadline__lt=end_of_day),
        "waiting": new.exclude(accept_deadline__lt=end_of_day),
        "to_ship": open_.filter(
            status__in=[FulfillmentStatus.ACCEPTED, FulfillmentStatus.PACKED]
        ).order_by("accepted_at", "pk"),
    }
    context = {"group_name": group.name, "day": now.strftime("%d-%m-%Y")}
    for name, queryset in sections.items():
        rows = list(queryset[: LISTED + 1])
        context[name] = [_row(f) for f in rows[:LISTED]]
        context[f"{name}_count"] = queryset.count() if len(rows) > LISTED else len(rows)
    return context


def _row(fulfillment: Fulfillment) -> dict:
    deadline = fulfillment.accept_deadline
    return {
        "order_number": fulfillment.order.number,
        "fulfillment_id": fulfillment.pk,
        "accept_deadline": timezone.localtime(deadline).strftime("%d-%m %H:%M") if deadline else "",
    }
