"""Groups are reminded of fulfilments they have not accepted; staff alerted when overdue."""

from datetime import timedelta

import pytest

from marketplace.notifications.models import Channel, OutboxMessage
from marketplace.notifications.reminders import send_fulfillment_reminders
from marketplace.orders.models import FulfillmentStatus
from tests.factories.notifications import member, national_admin, province_staff
from tests.factories.regions import ACEH, BALI

from .helpers import paid_two_group_order

pytestmark = pytest.mark.django_db


def _rows(event):
    return list(
        OutboxMessage.objects.filter(event=event)
        .order_by("subject_id", "recipient")
        .values_list("subject_id", "channel", "recipient")
    )


def test_nothing_is_sent_before_the_threshold(django_capture_on_commit_callbacks):
    order, soap, _ = paid_two_group_order(hours_ago=0)
    member(soap.group)

    with django_capture_on_commit_callbacks():
        run = send_fulfillment_reminders(now=order.paid_at + timedelta(hours=11, minutes=59))

    assert (run.reminded, run.overdue) == (0, 0)
    assert OutboxMessage.objects.count() == 0


def test_after_twelve_hours_each_waiting_group_is_reminded_once(
    django_capture_on_commit_callbacks,
):
    order, soap, coffee = paid_two_group_order(hours_ago=0)
    ketua = member(soap.group, email=True, whatsapp=True)
    gayo = member(coffee.group, email=True)
    now = order.paid_at + timedelta(hours=12, minutes=1)

    with django_capture_on_commit_callbacks():
        first = send_fulfillment_reminders(now=now)
        again = send_fulfillment_reminders(now=now + timedelta(minutes=10))

    assert (first.reminded, first.overdue) == (2, 0)
    assert (again.reminded, again.overdue) == (0, 0)
    assert sorted(_rows("fulfillment_accept_reminder")) == sorted(
        [
            (str(soap.pk), Channel.EMAIL, ketua.user.email),
            (str(soap.pk), Channel.WHATSAPP, str(ketua.user.phone)),
            (str(coffee.pk), Channel.EMAIL, gayo.user.email),
        ]
    )
    context = OutboxMessage.objects.filter(subject_id=str(soap.pk)).first().context
    assert context["lines"] == [
        {
            "product_name": "Sabun Propolis",
            "variant_name": context["lines"][0]["variant_name"],
            "quantity": 3,
            "total_price": 75_000,
        }
    ]
    assert context["lines_total"] == 75_000
    assert context["hours_waiting"] == 12
    assert context["order_number"] == order.number


def test_an_accepted_fulfilment_is_not_reminded(django_capture_on_commit_callbacks):
    order, soap, coffee = paid_two_group_order(hours_ago=0)
    member(soap.group)
    member(coffee.group)
    soap.status = FulfillmentStatus.ACCEPTED
    soap.save(update_fields=["status"])

    with django_capture_on_commit_callbacks():
        run = send_fulfillment_reminders(now=order.paid_at + timedelta(hours=13))

    assert run.reminded == 1
    assert {row[0] for row in _rows("fulfillment_accept_reminder")} == {str(coffee.pk)}


def test_after_forty_eight_hours_the_provinces_staff_are_alerted(
    django_capture_on_commit_callbacks,
):
    order, soap, coffee = paid_two_group_order(hours_ago=0)
    member(soap.group)
    member(coffee.group)
    bali_curator = province_staff(BALI)
    province_staff(ACEH)
    admin = national_admin()

    with django_capture_on_commit_callbacks():
        run = send_fulfillment_reminders(now=order.paid_at + timedelta(hours=48, minutes=1))

    assert (run.reminded, run.overdue) == (2, 2)
    assert sorted(_rows("fulfillment_accept_overdue")) == sorted(
        [
            (str(soap.pk), Channel.EMAIL, bali_curator.email),
            (str(soap.pk), Channel.EMAIL, admin.email),
            (str(coffee.pk), Channel.EMAIL, bali_curator.email),
            (str(coffee.pk), Channel.EMAIL, admin.email),
        ]
    )


def test_thresholds_are_settings(settings, django_capture_on_commit_callbacks):
    settings.FULFILLMENT_ACCEPT_REMINDER_HOURS = 2
    settings.FULFILLMENT_ACCEPT_OVERDUE_HOURS = 4
    order, soap, coffee = paid_two_group_order(hours_ago=0)
    member(soap.group)
    member(coffee.group)
    national_admin()

    with django_capture_on_commit_callbacks():
        run = send_fulfillment_reminders(now=order.paid_at + timedelta(hours=4, minutes=1))

    assert (run.reminded, run.overdue) == (2, 2)
