"""Celery entry point of the morning digest (beat, 07:00 Asia/Jakarta)."""

from celery import shared_task

from . import digest


@shared_task(
    name="notifications.send_morning_digests",
    ignore_result=True,
    soft_time_limit=600,
    time_limit=660,
)
def send_morning_digests() -> dict:
    """Beat: one digest per group per day; a second run the same day writes nothing."""
    run = digest.send_morning_digests()
    return {"day": run.day.isoformat(), "sent": run.sent}
