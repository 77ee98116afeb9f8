import pytest

from marketplace.catalog.models import ProductStatus
from marketplace.core.models import AuditEntry
from marketplace.curation.errors import CurationError, CurationErrorCode
from marketplace.curation.models import ProductRevision, RevisionStatus
from marketplace.curation.services import approve_product, submit_product
from marketplace.notifications.models import OutboxMessage
from tests.factories.catalog import ProductFactory, category
from tests.factories.groups import GroupMemberFactory

pytestmark = pytest.mark.django_db


def test_submitted_product_is_published_and_group_notified(group, bali_curator):
    member = GroupMemberFactory(group=group).user
    product = ProductFactory(group=group, status=ProductStatus.DRAFT)
    submit_product(product.pk, actor=member)

    approve_product(product.pk, actor=bali_curator)

    product.refresh_from_db()
    assert product.status == ProductStatus.APPROVED
    assert product.approved_at is not None
    revision = ProductRevision.objects.get(product=product)
    assert revision.status == RevisionStatus.APPROVED
    assert revision.reviewed_by == bali_curator
    messages = OutboxMessage.objects.filter(event="product_approved")
    assert [(m.channel, m.recipient) for m in messages] == [("email", member.email)]
    assert messages[0].context["product_name"] == product.name
    entry = AuditEntry.objects.get(action="product_approved")
    assert entry.actor == bali_curator
    assert entry.province_code == "51"
    assert entry.changes == {"status": ["submitted", "approved"]}


def test_permit_category_without_permit_number_cannot_be_approved(group, bali_curator):
    product = ProductFactory(
        group=group, status=ProductStatus.SUBMITTED, category=category("sabun")
    )

    with pytest.raises(CurationError) as err:
        approve_product(product.pk, actor=bali_curator)

    assert err.value.code == CurationErrorCode.PERMIT_REQUIRED
    assert err.value.field == "permit_number"
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED
    assert OutboxMessage.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_permit_category_with_permit_number_is_approved(group, bali_curator):
    product = ProductFactory(
        group=group,
        status=ProductStatus.SUBMITTED,
        category=category("sabun"),
        permit_number="BPOM NA18201200123",
    )

    approve_product(product.pk, actor=bali_curator)

    product.refresh_from_db()
    assert product.status == ProductStatus.APPROVED


def test_curator_of_another_province_is_refused(aceh_group, bali_curator):
    product = ProductFactory(group=aceh_group, status=ProductStatus.SUBMITTED)

    with pytest.raises(CurationError) as err:
        approve_product(product.pk, actor=bali_curator)

    assert err.value.code == CurationErrorCode.NOT_ALLOWED
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED
    assert OutboxMessage.objects.count() == 0


def test_viewer_cannot_approve(group, bali_viewer):
    product = ProductFactory(group=group, status=ProductStatus.SUBMITTED)

    with pytest.raises(CurationError) as err:
        approve_product(product.pk, actor=bali_viewer)

    assert err.value.code == CurationErrorCode.NOT_ALLOWED
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED


def test_national_admin_approves_in_any_province(aceh_group, national_admin):
    product = ProductFactory(group=aceh_group, status=ProductStatus.SUBMITTED)

    approve_product(product.pk, actor=national_admin)

    product.refresh_from_db()
    assert product.status == ProductStatus.APPROVED


def test_draft_has_nothing_to_approve(group, bali_curator):
    product = ProductFactory(group=group, status=ProductStatus.DRAFT)

    with pytest.raises(CurationError) as err:
        approve_product(product.pk, actor=bali_curator)

    assert err.value.code == CurationErrorCode.NOTHING_TO_REVIEW
    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT
