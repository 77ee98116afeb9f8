"""Curation: a group's new or edited product is reviewed by its province's staff.

A new product goes ``draft``/``rejected`` → ``submitted`` → ``approved`` / ``rejected``. Changes to
a published product are held in a pending ``ProductRevision`` while the live version stays on sale;
approval copies them onto the product. Every step writes the audit log, and approval or rejection
notifies the group through the outbox, in the same transaction.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.catalog.models import Category, Product, ProductStatus
from marketplace.catalog.tasks import refresh_search_words_task
from marketplace.core import audit
from marketplace.core.sanitize import sanitize_html
from marketplace.notifications.outbox import enqueue, recipients_for_group

from .errors import CurationError, CurationErrorCode
from .locks import locked_pending_revision, locked_product
from .models import REVIEWED_FIELDS, ProductRevision, RevisionKind, RevisionStatus
from .scoping import can_edit, province_in_scope

TEXT_LIMITS = {"name": 200, "name_en": 200, "permit_number": 60, "halal_number": 60}
HTML_FIELDS = ("description", "description_en")
PROBLEM_FIELDS = {"permit_required": "permit_number", "halal_required": "halal_number"}


def submit_product(product_id: int, *, actor: User) -> Product:
    """Send a draft or rejected product to its province's staff for review."""
    with transaction.atomic():
        product = locked_product(product_id)
        _require_author(actor, product)
        if product.status not in (ProductStatus.DRAFT, ProductStatus.REJECTED):
            raise CurationError(
                CurationErrorCode.INVALID_STATUS,
                _("Only a draft or rejected product can be submitted."),
                field="status",
            )
        _open_revision(product, actor=actor, kind=RevisionKind.NEW, changes={})
        before = product.status
        product.status = ProductStatus.SUBMITTED
        product.submitted_at = timezone.now()
        product.save(update_fields=["status", "submitted_at", "updated_at"])
        _record(actor, product, "product_submitted", {"status": [before, product.status]})
    return product


def submit_product_changes(product_id: int, *, actor: User, changes: dict) -> Product:
    """Propose changes; a published product stays live with its old values until approval."""
    with transaction.atomic():
        product = locked_product(product_id)
        _require_author(actor, product)
        cleaned = clean_changes(changes)
        if product.status != ProductStatus.APPROVED:
            # Not on sale yet: the changes apply at once and the whole product is reviewed.
            diff = _apply(product, cleaned)
            before = product.status
            if before != ProductStatus.SUBMITTED:
                _open_revision(product, actor=actor, kind=RevisionKind.NEW, changes={})
                product.status = ProductStatus.SUBMITTED
                product.submitted_at = timezone.now()
                diff["status"] = [before, product.status]
            product.save()
            _record(actor, product, "product_changed", diff)
            return product
        revision = locked_pending_revision(product)
        if revision is None:
            _open_revision(product, actor=actor, kind=RevisionKind.EDIT, changes=cleaned)
        else:
            revision.changes = {**revision.changes, **cleaned}
            revision.submitted_by = actor if getattr(actor, "pk", None) else None
            revision.save(update_fields=["changes", "submitted_by"])
        _record(actor, product, "product_changes_submitted", {"proposed": [None, cleaned]})
    return product


def approve_product(product_id: int, *, actor: User) -> Product:
    """Publish a submitted product, or apply the pending edit of a published one."""
    with transaction.atomic():
        product = locked_product(product_id)
        _require_curator(actor, product)
        revision = locked_pending_revision(product)
        if revision is None and product.status != ProductStatus.SUBMITTED:
            raise CurationError(
                CurationErrorCode.NOTHING_TO_REVIEW, _("This product has nothing to review.")
            )
        proposal = revision.changes if revision and revision.kind == RevisionKind.EDIT else {}
        diff = _apply(product, proposal)
        problems = product.publication_problems()
        if problems:
            code, message = problems[0]
            raise CurationError(CurationErrorCode(code), message, field=PROBLEM_FIELDS.get(code))
        now = timezone.now()
        if product.status != ProductStatus.APPROVED:
            diff["status"] = [product.status, ProductStatus.APPROVED]
            product.status = ProductStatus.APPROVED
        product.approved_at = now
        product.rejection_reason = ""
        product.save()
        if revision is None:
            revision = ProductRevision(product=product, kind=RevisionKind.NEW, submitted_at=now)
        _close_revision(revision, actor=actor, status=RevisionStatus.APPROVED, now=now)
        _record(actor, product, "product_approved", diff)
        _notify(product, "product_approved", revision)
        transaction.on_commit(refresh_search_words_task.delay, robust=True)  # words for search
    return product


def reject_product(product_id: int, *, actor: User, reason: str) -> Product:
    """Refuse a submission with a reason the group reads; a live product stays live."""
    reason = (reason or "").strip()
    with transaction.atomic():
        product = locked_product(product_id)
        _require_curator(actor, product)
        if not reason:
            raise CurationError(
                CurationErrorCode.REASON_REQUIRED,
                _("Give the group a reason for the rejection."),
                field="reason",
            )
        revision = locked_pending_revision(product)
        if revision is None and product.status != ProductStatus.SUBMITTED:
            raise CurationError(
                CurationErrorCode.NOTHING_TO_REVIEW, _("This product has nothing to review.")
            )
        now = timezone.now()
        if revision is None:
            revision = ProductRevision(product=product, kind=RevisionKind.NEW, submitted_at=now)
        revision.rejection_reason = reason
        _close_revision(revision, actor=actor, status=RevisionStatus.REJECTED, now=now)
        diff = {"rejection_reason": [product.rejection_reason, reason]}
        if revision.kind == RevisionKind.NEW:
            diff["status"] = [product.status, ProductStatus.REJECTED]
            product.status = ProductStatus.REJECTED
            product.rejection_reason = reason
            product.save(update_fields=["status", "rejection_reason", "updated_at"])
        _record(actor, product, "product_rejected", diff)
        _notify(product, "product_rejected", revision)
    return product


def queue_unreviewed_submissions() -> int:
    """Give a review request to submitted products that arrived without one (bulk imports).

    Safe to run at any time and concurrently: the one-pending-request constraint drops repeats.
    """
    missing = (
        Product.objects.filter(status=ProductStatus.SUBMITTED)
        .exclude(revisions__status=RevisionStatus.PENDING)
        .values_list("pk", "submitted_at", "created_at")
    )
    created = ProductRevision.objects.bulk_create(
        [
            ProductRevision(product_id=pk, kind=RevisionKind.NEW, submitted_at=submitted or created)
            for pk, submitted, created in missing
        ],
        ignore_conflicts=True,
    )
    return len(created)


def clean_changes(changes: dict) -> dict:
    """Proposed values in stored form (category as id, HTML sanitized), refusing unknown fields."""
    cleaned = {}
    for field, value in (changes or {}).items():
        if field not in REVIEWED_FIELDS:
            raise CurationError(
                CurationErrorCode.INVALID_FIELD,
                _("This field cannot be changed here."),
                field=field,
            )
        if field == "category":
            pk = value.pk if isinstance(value, Category) else value
            if not Category.objects.filter(pk=pk).exists():
                raise CurationError(
                    CurationErrorCode.INVALID_VALUE, _("Choose an existing category."), field=field
                )
            cleaned[field] = int(pk)
        elif field == "is_not_halal":
            cleaned[field] = bool(value)
        else:
            text = sanitize_html(value) if field in HTML_FIELDS else str(value or "").strip()
            if field == "name" and not text:
                raise CurationError(
                    CurationErrorCode.INVALID_VALUE, _("A product needs a name."), field=field
                )
            if len(text) > TEXT_LIMITS.get(field, 20_000):
                raise CurationError(CurationErrorCode.INVALID_VALUE, _("Too long."), field=field)
            cleaned[field] = text
    return cleaned


def proposed_values(product: Product, changes: dict) -> dict:
    """``{field: (live value, proposed value)}`` for the review page's side-by-side view."""
    values = {}
    for field in REVIEWED_FIELDS:
        if field not in changes:
            continue
        live = product.category_id if field == "category" else getattr(product, field)
        values[field] = (live, changes[field])
    return values


def _apply(product: Product, changes: dict) -> dict:
    diff = {}
    for field, value in changes.items():
        attname = "category_id" if field == "category" else field
        old = getattr(product, attname)
        if old != value:
            diff[field] = [old, value]
            setattr(product, attname, value)
    if "category" in diff:
        product.category = Category.objects.select_related("parent").get(pk=product.category_id)
    return diff


def _open_revision(product: Product, *, actor, kind: str, changes: dict) -> ProductRevision:
    existing = locked_pending_revision(product)
    if existing is not None:
        existing.status = RevisionStatus.REJECTED
        existing.rejection_reason = "superseded"
        existing.reviewed_at = timezone.now()
        existing.save(update_fields=["status", "rejection_reason", "reviewed_at"])
    return ProductRevision.objects.create(
        product=product,
        kind=kind,
        changes=changes,
        submitted_by=actor if getattr(actor, "pk", None) else None,
    )


def _close_revision(revision: ProductRevision, *, actor, status: str, now) -> None:
    revision.status = status
    revision.reviewed_by = actor
    revision.reviewed_at = now
    revision.save()


def _require_author(actor, product: Product) -> None:
    is_member = bool(
        getattr(actor, "pk", None)
        and product.group.members.filter(user=actor, is_active=True).exists()
    )
    if not (is_member or _curates(actor, product)):
        raise CurationError(
            CurationErrorCode.NOT_ALLOWED, _("You may not change this product."), field="product"
        )


def _require_curator(actor, product: Product) -> None:
    if not _curates(actor, product):
        raise CurationError(
            CurationErrorCode.NOT_ALLOWED, _("You may not review this product."), field="product"
        )


def _curates(actor, product: Product) -> bool:
    return can_edit(actor) and province_in_scope(actor, product.group.regency.province_id)


def _record(actor, product: Product, action: str, changes: dict) -> None:
    audit.record(
        actor,
        product,
        action,
        _jsonable(changes),
        province_code=product.group.regency.province_id,
    )


def _jsonable(changes: dict) -> dict:
    return {
        key: [v if isinstance(v, str | int | bool | dict | type(None)) else str(v) for v in pair]
        for key, pair in changes.items()
    }


def _notify(product: Product, event: str, revision: ProductRevision) -> None:
    enqueue(
        event,
        about=revision,
        recipients=recipients_for_group(product.group),
        context={
            "product_name": product.name,
            "product_id": product.pk,
            "group_name": product.group.name,
            "is_edit": revision.kind == RevisionKind.EDIT,
            "reason": revision.rejection_reason,
        },
    )
