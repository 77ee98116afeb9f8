"""The delivery task is safe to lose a worker on, bounded, and goes to its own queue."""

from marketplace.celery import app
from marketplace.notifications.delivery import backoff_seconds
from marketplace.notifications.tasks import (
    deliver_outbox_message,
    requeue_stuck_messages,
    send_fulfillment_reminders,
)


def test_delivery_is_acknowledged_late_bounded_and_keeps_no_result(settings):
    assert deliver_outbox_message.acks_late is True
    assert deliver_outbox_message.reject_on_worker_lost is True
    assert deliver_outbox_message.ignore_result is True
    assert deliver_outbox_message.max_retries == settings.NOTIFICATION_MAX_ATTEMPTS
    assert deliver_outbox_message.soft_time_limit == 60
    assert deliver_outbox_message.time_limit == 90
    # a row still "sending" after the stuck threshold cannot belong to a live task
    assert deliver_outbox_message.time_limit < settings.NOTIFICATION_STUCK_AFTER_MINUTES * 60


def test_notification_tasks_are_routed_to_the_notifications_queue():
    router = app.amqp.Router()
    for task in (deliver_outbox_message, requeue_stuck_messages, send_fulfillment_reminders):
        assert router.route({}, task.name)["queue"].name == "notifications"


def test_beat_runs_the_redispatch_and_the_reminders(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["notifications-requeue-stuck"]["task"] == requeue_stuck_messages.name
    assert schedule["notifications-requeue-stuck"]["schedule"] == 60.0
    assert schedule["notifications-fulfillment-reminders"]["task"] == (
        send_fulfillment_reminders.name
    )


def test_backoff_grows_exponentially_with_jitter_and_is_capped(settings):
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 30
    settings.NOTIFICATION_RETRY_MAX_SECONDS = 3600
    for attempt, step in [(1, 30), (2, 60), (3, 120), (6, 960), (12, 3600)]:
        delays = {backoff_seconds(attempt) for _ in range(50)}
        assert all(step / 2 <= delay <= step for delay in delays)
        assert len(delays) > 1  # jittered, so retries of many notices spread out
