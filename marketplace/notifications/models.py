from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxMessage(models.Model):
    """One notice to one recipient on one channel, written in the transaction that causes it."""

    event = models.CharField(_("event"), max_length=64, db_index=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=8, default="id")
    subject_type = models.CharField(_("about (type)"), max_length=64)
    subject_id = models.CharField(_("about (id)"), max_length=64)
    context = models.JSONField(_("context"), default=dict, blank=True)
    dedupe_key = models.CharField(_("dedupe key"), max_length=255, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OutboxStatus.choices,
        default=OutboxStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        indexes = [models.Index(fields=["status", "updated_at"], name="outbox_status_updated")]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient} ({self.channel})"

    @property
    def idempotency_key(self) -> str:
        """Stable across retries, so a receiver can drop a repeat."""
        return f"pasar-uppks-{self.pk}-{self.dedupe_key}"[:200]
