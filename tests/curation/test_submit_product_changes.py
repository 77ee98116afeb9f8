import pytest

from marketplace.catalog.models import ProductStatus
from marketplace.core.models import AuditEntry
from marketplace.curation.errors import CurationError, CurationErrorCode
from marketplace.curation.models import ProductRevision, RevisionKind, RevisionStatus
from marketplace.curation.services import (
    approve_product,
    reject_product,
    submit_product_changes,
)
from marketplace.notifications.models import OutboxMessage
from tests.factories.catalog import ProductFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_product(group):
    return ProductFactory(group=group, name="Tas Pandan", status=ProductStatus.APPROVED)


def test_edit_of_a_published_product_keeps_it_live(live_product, group_member):
    submit_product_changes(
        live_product.pk, actor=group_member, changes={"name": "Tas Pandan Besar"}
    )

    live_product.refresh_from_db()
    assert live_product.status == ProductStatus.APPROVED
    assert live_product.name == "Tas Pandan"
    revision = ProductRevision.objects.get(product=live_product)
    assert revision.kind == RevisionKind.EDIT
    assert revision.status == RevisionStatus.PENDING
    assert revision.changes == {"name": "Tas Pandan Besar"}


def test_approving_an_edit_applies_the_changes(live_product, group_member, bali_curator):
    submit_product_changes(
        live_product.pk,
        actor=group_member,
        changes={"name": "Tas Pandan Besar", "description": "<p>Baru</p><script>x()</script>"},
    )

    approve_product(live_product.pk, actor=bali_curator)

    live_product.refresh_from_db()
    assert live_product.name == "Tas Pandan Besar"
    assert live_product.description == "<p>Baru</p>"
    assert live_product.status == ProductStatus.APPROVED
    entry = AuditEntry.objects.get(action="product_approved")
    assert entry.changes["name"] == ["Tas Pandan", "Tas Pandan Besar"]
    message = OutboxMessage.objects.get(event="product_approved")
    assert message.context["is_edit"] is True


def test_rejecting_an_edit_keeps_the_live_version(live_product, group_member, bali_curator):
    submit_product_changes(live_product.pk, actor=group_member, changes={"name": "Tas Jelek"})

    reject_product(live_product.pk, actor=bali_curator, reason="Nama tidak sesuai foto.")

    live_product.refresh_from_db()
    assert live_product.status == ProductStatus.APPROVED
    assert live_product.name == "Tas Pandan"
    revision = ProductRevision.objects.get(product=live_product)
    assert revision.status == RevisionStatus.REJECTED
    assert revision.rejection_reason == "Nama tidak sesuai foto."
    message = OutboxMessage.objects.get(event="product_rejected")
    assert message.context["reason"] == "Nama tidak sesuai foto."


def test_second_edit_merges_into_the_pending_one(live_product, group_member):
    submit_product_changes(live_product.pk, actor=group_member, changes={"name": "Tas A"})
    submit_product_changes(live_product.pk, actor=group_member, changes={"name_en": "Bag A"})

    revision = ProductRevision.objects.get(product=live_product)
    assert revision.changes == {"name": "Tas A", "name_en": "Bag A"}


def test_edit_moving_into_a_permit_category_needs_a_permit(
    live_product, group_member, bali_curator
):
    submit_product_changes(
        live_product.pk, actor=group_member, changes={"category": category("sabun").pk}
    )

    with pytest.raises(CurationError) as err:
        approve_product(live_product.pk, actor=bali_curator)

    assert err.value.code == CurationErrorCode.PERMIT_REQUIRED
    live_product.refresh_from_db()
    assert live_product.category == category("anyaman")
    assert ProductRevision.objects.get(product=live_product).status == RevisionStatus.PENDING


def test_unknown_field_is_refused(live_product, group_member):
    with pytest.raises(CurationError) as err:
        submit_product_changes(live_product.pk, actor=group_member, changes={"status": "approved"})

    assert err.value.code == CurationErrorCode.INVALID_FIELD
    assert err.value.field == "status"
    assert ProductRevision.objects.count() == 0


def test_member_of_another_group_is_refused(live_product, aceh_group):
    from tests.factories.groups import GroupMemberFactory

    outsider = GroupMemberFactory(group=aceh_group).user

    with pytest.raises(CurationError) as err:
        submit_product_changes(live_product.pk, actor=outsider, changes={"name": "X"})

    assert err.value.code == CurationErrorCode.NOT_ALLOWED
    assert ProductRevision.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_changes_to_a_draft_apply_at_once_and_submit_it(group, group_member):
    draft = ProductFactory(group=group, name="Dodol", status=ProductStatus.DRAFT)

    submit_product_changes(draft.pk, actor=group_member, changes={"name": "Dodol Nangka"})

    draft.refresh_from_db()
    assert draft.name == "Dodol Nangka"
    assert draft.status == ProductStatus.SUBMITTED
    assert ProductRevision.objects.get(product=draft).kind == RevisionKind.NEW
