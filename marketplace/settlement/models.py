"""The groups' ledger (double entry, whole rupiah), commission rates, payout accounts and batches.

Every ledger entry's ``amount`` is signed: positive is a credit, negative a debit, and the entries
of one transaction sum to zero. Group accounts (pending, payable, in transfer, paid) are
credit-normal and never go below zero; a group's ``recoverable`` account (money the group owes
back after a refund of something already paid out) and the customer-payments clearing account
are debit-normal. The unique-code account (platform income, credit-normal) holds the 1–999
rupiah a customer adds to a bank transfer so staff can tell transfers apart on the statement.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category
from marketplace.groups.models import UppksGroup
from marketplace.orders.models import Fulfillment, Order, OrderLine

from .banks import BANK_CHOICES, bank_name, mask_account_number

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class AccountKind(models.TextChoices):
    PENDING = "pending", _("Pending (not yet delivered)")
    PAYABLE = "payable", _("Payable")
    IN_TRANSFER = "in_transfer", _("Being transferred")
    PAID = "paid", _("Paid out")
    RECOVERABLE = "recoverable", _("Owed back by the group")
    COMMISSION = "commission", _("Marketplace commission")
    CLEARING = "clearing", _("Customer payments (clearing)")
    UNIQUE_CODE = "unique_code", _("Bank transfer unique codes (platform income)")
    RECEIVABLE = "receivable", _("Owed by partners (invoices)")  # issue 18


GROUP_ACCOUNT_KINDS = (
    AccountKind.PENDING,
    AccountKind.PAYABLE,
    AccountKind.IN_TRANSFER,
    AccountKind.PAID,
    AccountKind.RECOVERABLE,
)
SYSTEM_ACCOUNT_KINDS = (
    AccountKind.COMMISSION,
    AccountKind.CLEARING,
    AccountKind.UNIQUE_CODE,
    AccountKind.RECEIVABLE,
)
DEBIT_NORMAL_KINDS = (AccountKind.RECOVERABLE, AccountKind.CLEARING, AccountKind.RECEIVABLE)


class LedgerAccount(models.Model):
    """One account; a group's accounts carry a ``balance`` counter kept with every posting."""

    kind = models.CharField(_("kind"), max_length=12, choices=AccountKind.choices)
    group = models.ForeignKey(
        UppksGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
        verbose_name=_("group"),
    )
    balance = models.BigIntegerField(
        _("balance counter (credit positive)"),
        default=0,
        help_text=_("Kept for group accounts; the reconciliation task checks it against entries."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "kind"],
                condition=Q(group__isnull=False),
                name="settlement_one_account_per_group_kind",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(group__isnull=True),
                name="settlement_one_system_account_per_kind",
            ),
            models.CheckConstraint(
                condition=(
                    Q(group__isnull=True, kind__in=[k.value for k in SYSTEM_ACCOUNT_KINDS])
                    | Q(group__isnull=False, kind__in=[k.value for k in GROUP_ACCOUNT_KINDS])
                ),
                name="settlement_account_kind_matches_owner",
            ),
            # A group is never owed a negative amount, and never owes back a negative amount.
            models.CheckConstraint(
                condition=(
                    Q(group__isnull=True)
                    | Q(kind=AccountKind.RECOVERABLE, balance__lte=0)
                    | (~Q(kind=AccountKind.RECOVERABLE) & Q(balance__gte=0))
                ),
                name="settlement_group_balance_not_negative",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{self.group} — {label}" if self.group_id else str(label)

    @property
    def tracks_balance(self) -> bool:
        """System accounts are hot rows shared by every order; their balance is a sum instead."""
        return self.group_id is not None

    @property
    def normal_balance(self) -> int:
        """The balance as people read it: positive on the account's normal side."""
        return -self.balance if self.kind in DEBIT_NORMAL_KINDS else self.balance


class TransactionKind(models.TextChoices):
    PAYMENT = "payment", _("Payment confirmed")
    RELEASE = "release", _("Delivered: pending to payable")
    REVERSAL = "reversal", _("Rejection or refund")
    OFFSET = "offset", _("Refund set off against payable")
    PAYOUT = "payout", _("Payout started")
    PAYOUT_PAID = "payout_paid", _("Payout paid")
    PAYOUT_FAILED = "payout_failed", _("Payout failed")
    COD_COMMISSION = "cod_commission", _("Cash on delivery: commission owed by the group")
    INVOICE = "invoice", _("Partner invoice issued")  # issue 18
    INVOICE_PAID = "invoice_paid", _("Partner invoice paid")


class LedgerTransaction(models.Model):
    """One posting: its entries sum to zero; ``key`` makes a repeated event a no-op."""

    key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=TransactionKind.choices)
    order = models.ForeignKey(
        Order,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_transactions",
        verbose_name=_("order"),
    )
    fulfillment = models.ForeignKey(
        Fulfillment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_transactions",
        verbose_name=_("fulfillment"),
    )
    payout_line = models.ForeignKey(
        "PayoutLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_transactions",
        verbose_name=_("payout line"),
    )
    memo = models.CharField(_("memo"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")

    def __str__(self) -> str:
        return self.key


class LedgerEntry(models.Model):
    """One leg of a transaction on one account; never edited or deleted."""

    transaction = models.ForeignKey(
        LedgerTransaction,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("transaction"),
    )
    account = models.ForeignKey(
        LedgerAccount, on_delete=models.PROTECT, related_name="entries", verbose_name=_("account")
    )
    amount = models.BigIntegerField(_("amount (Rp, credit positive)"))
    group = models.ForeignKey(
        UppksGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("group"),
    )
    order_line = models.ForeignKey(
        OrderLine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("order line"),
    )
    fulfillment = models.ForeignKey(
        Fulfillment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("fulfillment"),
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="settlement_entry_not_zero"),
        ]
        indexes = [
            models.Index(fields=["group", "created_at"], name="settlement_entry_group_time"),
            models.Index(fields=["fulfillment", "account"], name="settlement_entry_fulfillment"),
            models.Index(fields=["account", "created_at"], name="settlement_entry_account_time"),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("Ledger entries are append-only; post a correcting entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Ledger entries are append-only; post a correcting entry instead.")


class CategoryCommission(models.Model):
    """The marketplace's percentage for a category (its sub-categories inherit it)."""

    category = models.OneToOneField(
        Category,
        on_delete=models.CASCADE,
        related_name="commission",
        verbose_name=_("category"),
    )
    percent = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("category commission")
        verbose_name_plural = _("category commissions")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100),
                name="settlement_category_commission_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.percent} %"


class GroupCommission(models.Model):
    """A group's own percentage, e.g. 0 % for a programme BKKBN subsidises."""

    group = models.OneToOneField(
        UppksGroup,
        on_delete=models.CASCADE,
        related_name="commission_override",
        verbose_name=_("group"),
    )
    percent = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("group commission override")
        verbose_name_plural = _("group commission overrides")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100),
                name="settlement_group_commission_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.percent} %"


class PayoutAccount(models.Model):
    """The approved bank account a group is paid into."""

    group = models.OneToOneField(
        UppksGroup,
        on_delete=models.CASCADE,
        related_name="payout_account",
        verbose_name=_("group"),
    )
    bank_code = models.CharField(_("bank"), max_length=3, choices=BANK_CHOICES)
    account_number = models.CharField(_("account number"), max_length=20)
    holder_name = models.CharField(_("account holder"), max_length=100)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("payout account")
        verbose_name_plural = _("payout accounts")

    def __str__(self) -> str:
        return f"{self.group}: {bank_name(self.bank_code)} {self.masked_number}"

    @property
    def masked_number(self) -> str:
        return mask_account_number(self.account_number)

    @property
    def bank_name(self) -> str:
        return bank_name(self.bank_code)


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Replaced by a newer request")


class PayoutAccountRequest(models.Model):
    """A group's request to set or change its payout account; staff approve it."""

    group = models.ForeignKey(
        UppksGroup,
        on_delete=models.CASCADE,
        related_name="payout_account_requests",
        verbose_name=_("group"),
    )
    bank_code = models.CharField(_("bank"), max_length=3, choices=BANK_CHOICES)
    account_number = models.CharField(_("account number"), max_length=20)
    holder_name = models.CharField(_("account holder"), max_length=100)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payout account change")
        verbose_name_plural = _("payout account changes")
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(status="pending"),
                name="settlement_one_pending_account_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {bank_name(self.bank_code)} {self.masked_number}"

    @property
    def masked_number(self) -> str:
        return mask_account_number(self.account_number)

    @property
    def bank_name(self) -> str:
        return bank_name(self.bank_code)


class BatchStatus(models.TextChoices):
    OPEN = "open", _("Waiting for transfer")
    PAID = "paid", _("Paid")


class PayoutBatch(models.Model):
    """One payout run: the lines staff transfer with one bank bulk-transfer file."""

    status = models.CharField(
        _("status"), max_length=8, choices=BatchStatus.choices, default=BatchStatus.OPEN
    )
    gateway = models.CharField(_("gateway"), max_length=32, default="bank_csv")
    minimum_amount = models.PositiveBigIntegerField(_("minimum amount (Rp)"))
    total_amount = models.PositiveBigIntegerField(_("total (Rp)"), default=0)
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("marked paid by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payout batch")
        verbose_name_plural = _("payout batches")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"PAYOUT-{self.pk:06d}" if self.pk else "PAYOUT-new"


class LineStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for transfer")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")


class PayoutLine(models.Model):
    """One group's transfer in a batch; at most one pending line per group at any time."""

    batch = models.ForeignKey(
        PayoutBatch, on_delete=models.PROTECT, related_name="lines", verbose_name=_("batch")
    )
    group = models.ForeignKey(
        UppksGroup, on_delete=models.PROTECT, related_name="payout_lines", verbose_name=_("group")
    )
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))
    bank_code = models.CharField(_("bank"), max_length=3, choices=BANK_CHOICES)
    account_number = models.CharField(_("account number"), max_length=20)
    holder_name = models.CharField(_("account holder"), max_length=100)
    status = models.CharField(
        _("status"), max_length=8, choices=LineStatus.choices, default=LineStatus.PENDING
    )
    failure_reason = models.CharField(_("reason for failure"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("payout line")
        verbose_name_plural = _("payout lines")
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(status="pending"),
                name="settlement_one_pending_payout_per_group",
            ),
            models.UniqueConstraint(
                fields=["batch", "group"], name="settlement_one_line_per_group"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="settlement_payout_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.group}"

    @property
    def reference(self) -> str:
        return f"UPPKS-{self.batch_id:06d}-{self.group_id}"

    @property
    def masked_number(self) -> str:
        return mask_account_number(self.account_number)

    @property
    def bank_name(self) -> str:
        return bank_name(self.bank_code)


class LedgerCheck(models.Model):
    """The result of one reconciliation run (counters against sums, transactions balanced)."""

    ok = models.BooleanField(_("agrees"))
    problems = models.JSONField(_("problems"), default=list, blank=True)
    checked_at = models.DateTimeField(_("checked"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("ledger check")
        verbose_name_plural = _("ledger checks")

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'DIFFERENCES'}"
