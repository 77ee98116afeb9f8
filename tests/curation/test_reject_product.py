import pytest

from marketplace.catalog.models import ProductStatus
from marketplace.core.models import AuditEntry
from marketplace.curation.errors import CurationError, CurationErrorCode
from marketplace.curation.services import reject_product, submit_product
from marketplace.notifications.models import OutboxMessage
from tests.factories.catalog import ProductFactory

pytestmark = pytest.mark.django_db


def test_rejection_with_reason_notifies_the_group(group, group_member, bali_curator):
    product = ProductFactory(group=group, status=ProductStatus.DRAFT)
    submit_product(product.pk, actor=group_member)

    reject_product(product.pk, actor=bali_curator, reason="Foto buram, mohon ganti.")

    product.refresh_from_db()
    assert product.status == ProductStatus.REJECTED
    assert product.rejection_reason == "Foto buram, mohon ganti."
    message = OutboxMessage.objects.get(event="product_rejected")
    assert message.recipient == group_member.email
    assert message.context["reason"] == "Foto buram, mohon ganti."
    assert AuditEntry.objects.filter(action="product_rejected", actor=bali_curator).count() == 1


def test_rejection_without_reason_is_refused(group, bali_curator):
    product = ProductFactory(group=group, status=ProductStatus.SUBMITTED)

    with pytest.raises(CurationError) as err:
        reject_product(product.pk, actor=bali_curator, reason="   ")

    assert err.value.code == CurationErrorCode.REASON_REQUIRED
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED
    assert OutboxMessage.objects.count() == 0


def test_rejected_product_can_be_resubmitted(group, group_member, bali_curator):
    product = ProductFactory(group=group, status=ProductStatus.DRAFT)
    submit_product(product.pk, actor=group_member)
    reject_product(product.pk, actor=bali_curator, reason="Kurang foto.")

    submit_product(product.pk, actor=group_member)

    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED
    assert product.revisions.filter(status="pending").count() == 1


def test_submitting_twice_is_refused(group, group_member):
    product = ProductFactory(group=group, status=ProductStatus.DRAFT)
    submit_product(product.pk, actor=group_member)

    with pytest.raises(CurationError) as err:
        submit_product(product.pk, actor=group_member)

    assert err.value.code == CurationErrorCode.INVALID_STATUS
    assert product.revisions.count() == 1
