import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Product
from marketplace.groups.models import MemberRole, UppksGroup

# Fields of a product that a group may change and staff review; everything else is not curated.
REVIEWED_FIELDS = (
    "name",
    "name_en",
    "description",
    "description_en",
    "category",
    "permit_number",
    "halal_number",
    "is_not_halal",
)


class RevisionKind(models.TextChoices):
    NEW = "new", _("New product")
    EDIT = "edit", _("Changes to a published product")


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ProductRevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=RevisionStatus.PENDING)

    def review_queue(self):
        """What staff review next: oldest submission first."""
        return (
            self.pending()
            .select_related("product__group__regency__province", "product__category")
            .order_by("submitted_at", "pk")
        )


class ProductRevision(models.Model):
    """One review request: a new product, or proposed changes to a product that stays live.

    For an edit, ``changes`` maps a field of ``REVIEWED_FIELDS`` to its proposed value (the
    category as its id); approval copies them onto the product.
    """

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("product")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=RevisionKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RevisionStatus.choices,
        default=RevisionStatus.PENDING,
        db_index=True,
    )
    changes = models.JSONField(_("proposed changes"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    objects = ProductRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("review request")
        verbose_name_plural = _("review queue")
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(status="pending"),
                name="one_pending_revision_per_product",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} ({self.get_kind_display()})"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class MemberInvitation(models.Model):
    """A one-time link that lets a person join a group; only the token's hash is stored."""

    group = models.ForeignKey(
        UppksGroup, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("group")
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    channel = models.CharField(_("sent by"), max_length=12)
    role = models.CharField(
        _("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.ANGGOTA
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("member invitation")
        verbose_name_plural = _("member invitations")

    def __str__(self) -> str:
        return f"{self.email or self.phone} → {self.group}"

    def is_usable(self, now=None) -> bool:
        return self.accepted_at is None and (now or timezone.now()) < self.expires_at
