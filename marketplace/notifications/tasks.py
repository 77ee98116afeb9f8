"""Celery entry points of the notifications domain (routed to the ``notifications`` queue)."""

from celery import shared_task

from . import reminders
from .dispatch import deliver_outbox_message, deliver_outbox_messages, requeue_stuck_messages

__all__ = [
    "deliver_outbox_message",
    "deliver_outbox_messages",
    "requeue_stuck_messages",
    "send_fulfillment_reminders",
]


@shared_task(
    name="notifications.send_fulfillment_reminders",
    ignore_result=True,
    soft_time_limit=240,
    time_limit=300,
)
def send_fulfillment_reminders() -> dict:
    """Beat: remind groups of fulfilments they have not accepted; alert staff when overdue."""
    run = reminders.send_fulfillment_reminders()
    return {"reminded": run.reminded, "overdue": run.overdue}


# Two-way WhatsApp's beat job (registered with the worker through this module).
from .inbound.tasks import send_morning_digests  # noqa: E402, F401
