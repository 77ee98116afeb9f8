import hashlib

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")


PHONE_CHANNELS = (Channel.WHATSAPP, Channel.SMS)


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Priority(models.IntegerChoices):
    """Lower goes first, in the broker and in a worker's claim (Redis: 0 is served first).

    An order waiting for a group is urgent; statements, reminders and payout notices are bulk.
    """

    URGENT = 0, _("Urgent")
    NORMAL = 3, _("Normal")
    BULK = 9, _("Bulk")


class OutboxMessage(models.Model):
    """One notice to one recipient on one channel, written in the transaction that causes it.

    ``attempts`` counts claimed sends; the row fails for good once it reaches ``retry_limit``.
    ``next_attempt_at`` is when a send is due (a retry's backoff), so the re-dispatcher leaves a
    row alone while its retry is merely waiting.

    ``secret_context`` holds what only the recipient may see, such as a one-time link. It is
    rendered like ``context`` but never shown in the admin, kept only while the notice may still
    be sent, and erased (``secrets_erased``) in the same UPDATE that marks the row sent or failed.
    """

    event = models.CharField(_("event"), max_length=64, db_index=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=8, default="id")
    subject_type = models.CharField(_("about (type)"), max_length=64)
    subject_id = models.CharField(_("about (id)"), max_length=64)
    context = models.JSONField(_("context"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    secret_context = models.JSONField(
        _("one-time secrets"), default=dict, blank=True, editable=False, encoder=DjangoJSONEncoder
    )
    secrets_erased = models.BooleanField(_("secrets erased"), default=False)
    dedupe_key = models.CharField(_("dedupe key"), max_length=255, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OutboxStatus.choices,
        default=OutboxStatus.PENDING,
        db_index=True,
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    retry_limit = models.PositiveIntegerField(_("attempt limit"), default=8)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    external_id = models.CharField(_("provider's message id"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        indexes = [
            models.Index(fields=["status", "updated_at"], name="outbox_status_updated"),
            models.Index(
                fields=["status", "next_attempt_at"],
                name="outbox_unsent_due",
                condition=models.Q(status__in=["pending", "sending"]),
            ),
            models.Index(fields=["subject_type", "subject_id", "event"], name="outbox_about"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient} ({self.channel})"

    @property
    def idempotency_key(self) -> str:
        """Stable across retries, so a receiver can drop a repeat (no address leaks into it)."""
        digest = hashlib.sha256(self.dedupe_key.encode()).hexdigest()[:20]
        return f"pasar-uppks-{self.pk}-{digest}"

    @property
    def message_id_header(self) -> str:
        """The email's Message-ID: the same on every attempt of this notice."""
        return f"<{self.idempotency_key}@pasar-uppks.id>"

    def can_retry(self) -> bool:
        """A failed notice whose one-time secrets were erased can no longer be sent as it was."""
        return self.status == OutboxStatus.FAILED and not self.secrets_erased


class OutboxAttempt(models.Model):
    """One try at sending a notice: when, and what the channel answered."""

    message = models.ForeignKey(
        OutboxMessage,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("outbox message"),
    )
    number = models.PositiveIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), default=timezone.now)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    response_status = models.PositiveIntegerField(_("response status"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["message_id", "number", "pk"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self) -> str:
        return f"#{self.number} {'ok' if self.succeeded else self.error[:60]}"


# Two-way WhatsApp's rows live in the inbound sub-package and belong to this app.
from .inbound.models import InboundMessage, InboundOutcome, MorningDigest  # noqa: E402, F401
