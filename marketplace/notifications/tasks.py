from celery import shared_task
from django.utils import timezone

from . import transports
from .models import OutboxMessage, OutboxStatus


@shared_task(bind=True, max_retries=6, acks_late=True)
def deliver_outbox_message(self, message_id: int) -> None:
    """Send one outbox message once; a repeat of this task finds it claimed or sent."""
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, updated_at=timezone.now()
    )
    if claimed != 1:
        return
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        transports.send(message)
    except transports.TransportError as exc:
        OutboxMessage.objects.filter(pk=message_id).update(
            status=OutboxStatus.PENDING,
            last_error=str(exc)[:2000],
            attempts=message.attempts + 1,
            updated_at=timezone.now(),
        )
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries)
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        attempts=message.attempts + 1,
        updated_at=timezone.now(),
    )
