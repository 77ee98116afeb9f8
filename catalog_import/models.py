from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Product
from marketplace.groups.models import UppksGroup


class ImportKind(models.TextChoices):
    GROUPS = "groups", _("Groups")
    PRODUCTS = "products", _("Products")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    VALIDATING = "validating", _("Checking")
    VALIDATED = "validated", _("Checked, waiting for confirmation")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    REJECTED = "rejected", _("Rejected")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """One import of one file: who, when, which file, what happened (the audit record)."""

    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    source = models.CharField(_("source"), max_length=10, default="admin")
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)
    images_file = models.FileField(
        _("images zip"), upload_to="imports/%Y/%m/", max_length=300, blank=True
    )
    images_name = models.CharField(_("images file name"), max_length=255, blank=True)
    skip_invalid = models.BooleanField(_("skip invalid rows"), default=False)
    dry_run = models.BooleanField(_("dry run"), default=False)
    language = models.CharField(_("language"), max_length=8, default="id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    committed = models.BooleanField(_("written to the catalog"), default=False)
    error_code = models.CharField(_("error code"), max_length=40, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    report = models.FileField(_("report (JSON)"), upload_to="imports/reports/", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.IMPORTING)


class ProductImportKey(models.Model):
    """Which product a spreadsheet's ``parent_sku`` (or lone ``sku``) stands for, per group.

    Lets a later file add a new variant to a product that an earlier file created.
    """

    group = models.ForeignKey(UppksGroup, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("parent SKU"), max_length=64)
    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="import_key")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "key"], name="unique_import_key_per_group")
        ]
        verbose_name = _("product import key")
        verbose_name_plural = _("product import keys")

    def __str__(self) -> str:
        return self.key
