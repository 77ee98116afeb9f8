"""What members write to the marketplace's WhatsApp number, and the morning digests sent.

Imported by ``notifications.models`` so the rows belong to the notifications app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundOutcome(models.TextChoices):
    APPLIED = "applied", _("Applied")
    REFUSED = "refused", _("Refused")
    HELP = "help", _("Help sent")
    UNKNOWN_SENDER = "unknown_sender", _("Unknown sender")
    IGNORED = "ignored", _("Ignored")


class InboundMessage(models.Model):
    """One message a gateway delivered, stored once per gateway message id.

    A replay of the same id finds this row and changes nothing; the answer is an outbox row
    about this message, so it is sent at most once too.
    """

    gateway = models.CharField(_("gateway"), max_length=20)
    external_id = models.CharField(_("gateway's message id"), max_length=200)
    sender = models.CharField(_("sender"), max_length=64)
    text = models.TextField(_("text"), blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_messages",
        verbose_name=_("member"),
    )
    command = models.CharField(_("command"), max_length=20, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=InboundOutcome.choices)
    error_code = models.CharField(_("error code"), max_length=40, blank=True)
    fulfillment = models.ForeignKey(
        "orders.Fulfillment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_messages",
        verbose_name=_("fulfillment"),
    )
    reply = models.TextField(_("reply"), blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "external_id"], name="inbound_message_once_per_gateway_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gateway}:{self.external_id} {self.command or '-'} ({self.outcome})"


class MorningDigest(models.Model):
    """A group's morning summary of one day: written once, however often the beat job runs."""

    group = models.ForeignKey(
        "groups.UppksGroup",
        on_delete=models.CASCADE,
        related_name="morning_digests",
        verbose_name=_("group"),
    )
    day = models.DateField(_("day"))
    waiting = models.PositiveIntegerField(_("waiting"), default=0)
    due_today = models.PositiveIntegerField(_("due today"), default=0)
    overdue = models.PositiveIntegerField(_("overdue"), default=0)
    to_ship = models.PositiveIntegerField(_("to ship"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "group_id"]
        verbose_name = _("morning digest")
        verbose_name_plural = _("morning digests")
        constraints = [
            models.UniqueConstraint(fields=["group", "day"], name="one_morning_digest_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} {self.day}"
