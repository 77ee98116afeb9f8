"""Payment records in Saleor's shape: one transaction per attempt, with its events.

Amounts are whole rupiah; a provider's minor units appear only inside its gateway module.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .storage import proof_storage


class TransactionGateway(models.TextChoices):
    STRIPE = "stripe", _("Card (Stripe)")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    TEST = "test", _("Test payment (no money moves)")
    MIDTRANS = "midtrans", _("Midtrans (QRIS, virtual account, e-wallet)")
    XENDIT = "xendit", _("Xendit")
    COD = "cod", _("Cash on delivery")


class TransactionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    CHARGED = "charged", _("Paid")
    FAILED = "failed", _("Failed")
    CANCELED = "canceled", _("Canceled")


class TransactionEventType(models.TextChoices):
    """Saleor's ``TransactionEventTypeEnum`` values, lower case."""

    CHARGE_REQUEST = "charge_request", _("Charge requested")
    CHARGE_SUCCESS = "charge_success", _("Charge succeeded")
    CHARGE_FAILURE = "charge_failure", _("Charge failed")
    CHARGE_ACTION_REQUIRED = "charge_action_required", _("Charge needs customer action")
    CANCEL_SUCCESS = "cancel_success", _("Canceled")
    REFUND_REQUEST = "refund_request", _("Refund requested")
    REFUND_SUCCESS = "refund_success", _("Refund succeeded")
    REFUND_FAILURE = "refund_failure", _("Refund failed")
    INFO = "info", _("Information")


class TransactionItemQuerySet(models.QuerySet):
    def charged(self):
        return self.filter(status=TransactionStatus.CHARGED)

    def open_bank_transfers(self):
        return self.filter(
            gateway=TransactionGateway.BANK_TRANSFER, status=TransactionStatus.PENDING
        )


class TransactionItem(models.Model):
    """One attempt to pay one order through one gateway (Saleor's ``TransactionItem``)."""

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        related_name="payment_transactions",
        verbose_name=_("order"),
    )
    gateway = models.CharField(_("gateway"), max_length=20, choices=TransactionGateway.choices)
    name = models.CharField(_("name"), max_length=100)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TransactionStatus.choices,
        default=TransactionStatus.PENDING,
        db_index=True,
    )
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    amount = models.PositiveBigIntegerField(_("amount asked (Rp)"))
    unique_code = models.PositiveSmallIntegerField(_("unique transfer code"), default=0)
    authorized_value = models.PositiveBigIntegerField(_("authorized (Rp)"), default=0)
    charged_value = models.PositiveBigIntegerField(_("charged (Rp)"), default=0)
    refunded_value = models.PositiveBigIntegerField(_("refunded (Rp)"), default=0)
    canceled_value = models.PositiveBigIntegerField(_("canceled (Rp)"), default=0)
    psp_reference = models.CharField(_("PSP reference"), max_length=255, blank=True)
    client_secret = models.CharField(_("client secret"), max_length=255, blank=True)
    channel = models.CharField(
        _("channel"), max_length=20, blank=True, help_text=_("qris, bca, bni, gopay, …")
    )
    action = models.JSONField(
        _("what the customer does"),
        default=dict,
        blank=True,
        help_text=_("QR string, virtual account number or deep link from the provider."),
    )
    expires_at = models.DateTimeField(_("expires at the provider"), null=True, blank=True)
    flagged_for_review = models.BooleanField(_("needs staff review"), default=False)
    flag_reason = models.TextField(_("why it needs review"), blank=True)
    message = models.TextField(_("last message"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TransactionItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payment transaction")
        verbose_name_plural = _("payment transactions")
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "psp_reference"],
                condition=~Q(psp_reference=""),
                name="payment_transaction_unique_psp_reference",
            ),
            models.UniqueConstraint(
                fields=["amount"],
                condition=Q(gateway="bank_transfer", status="pending"),
                name="payment_open_bank_transfer_unique_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_gateway_display()} {self.psp_reference or self.token}"

    @property
    def refundable_value(self) -> int:
        """Money still held on this payment, a bank transfer's unique code included.

        Not all of it can go back in any amount: the code is returned only with everything left
        of the order (``payments.refunds.refundable``).
        """
        return self.charged_value

    def is_open(self) -> bool:
        return self.status == TransactionStatus.PENDING


class TransactionEvent(models.Model):
    """Something that happened to a transaction, with the provider's raw payload kept."""

    transaction = models.ForeignKey(
        TransactionItem,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("transaction"),
    )
    type = models.CharField(_("type"), max_length=30, choices=TransactionEventType.choices)
    amount = models.BigIntegerField(_("amount (Rp)"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    psp_reference = models.CharField(_("PSP reference"), max_length=255, blank=True)
    message = models.TextField(_("message"), blank=True)
    raw_payload = models.JSONField(_("raw payload"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("transaction event")
        verbose_name_plural = _("transaction events")

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.amount}"


class WebhookOutcome(models.TextChoices):
    APPLIED = "applied", _("Applied")
    IGNORED = "ignored", _("Ignored (nothing to change)")
    REFUSED = "refused", _("Refused (flagged for staff)")


class ProviderEvent(models.Model):
    """Each provider event id seen once: a replay or duplicate finds its row and changes nothing."""

    gateway = models.CharField(_("gateway"), max_length=20, choices=TransactionGateway.choices)
    event_id = models.CharField(_("event id"), max_length=255)
    type = models.CharField(_("type"), max_length=100)
    outcome = models.CharField(_("outcome"), max_length=10, choices=WebhookOutcome.choices)
    message = models.TextField(_("message"), blank=True)
    provider_created_at = models.DateTimeField(_("created at the provider"), null=True)
    transaction = models.ForeignKey(
        TransactionItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provider_events",
        verbose_name=_("transaction"),
    )
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("provider event")
        verbose_name_plural = _("provider events")
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "event_id"], name="payment_provider_event_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


class ProofStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for staff")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ProofKind(models.TextChoices):
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    PDF = "pdf", "PDF"


class PaymentProof(models.Model):
    """A customer's proof of a bank transfer, kept outside the public media folder."""

    transaction = models.ForeignKey(
        TransactionItem,
        on_delete=models.CASCADE,
        related_name="proofs",
        verbose_name=_("transaction"),
    )
    file = models.FileField(_("file"), storage=proof_storage, upload_to="proofs/%Y/%m/")
    kind = models.CharField(_("type"), max_length=4, choices=ProofKind.choices)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sender_name = models.CharField(_("sender's account name"), max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProofStatus.choices,
        default=ProofStatus.SUBMITTED,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payment proof")
        verbose_name_plural = _("payment proofs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    PROCESSING = "processing", _("Being sent")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")
    MANUAL = "manual", _("Staff must transfer it back")


OPEN_REFUND_STATUSES = (RefundStatus.PENDING, RefundStatus.PROCESSING, RefundStatus.MANUAL)


class Refund(models.Model):
    """Money going back to the customer; written pending, performed after commit.

    ``amount`` is everything that goes back; ``unique_code`` is the part of it that is a bank
    transfer's unique code (non-zero only on the refund that returns the whole rest of the
    order). The order's own ``total_refunded`` counts ``amount - unique_code``.
    """

    token = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(
        "orders.Order", on_delete=models.PROTECT, related_name="refunds", verbose_name=_("order")
    )
    transaction = models.ForeignKey(
        TransactionItem,
        on_delete=models.PROTECT,
        related_name="refunds",
        verbose_name=_("transaction"),
    )
    fulfillment = models.ForeignKey(
        "orders.Fulfillment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="refunds",
        verbose_name=_("fulfillment"),
    )
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))
    unique_code = models.PositiveSmallIntegerField(
        _("unique transfer code returned (Rp)"),
        default=0,
        help_text=_("The part of the amount that is the bank transfer's unique code."),
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RefundStatus.choices,
        default=RefundStatus.PENDING,
        db_index=True,
    )
    psp_reference = models.CharField(_("PSP reference"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("completed by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_refund_positive"),
            models.CheckConstraint(
                condition=Q(unique_code__lte=models.F("amount")),
                name="payment_refund_code_within_amount",
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="refund_status_updated")]

    def __str__(self) -> str:
        return f"{self.order} −{self.amount}"

    def is_open(self) -> bool:
        return self.status in OPEN_REFUND_STATUSES
