import pytest
from django.urls import reverse

from marketplace.catalog.models import Product
from marketplace.core.models import AuditEntry
from marketplace.curation.errors import CurationError, CurationErrorCode
from marketplace.curation.onboarding import deactivate_group, reactivate_group
from tests.factories.catalog import ProductFactory

pytestmark = pytest.mark.django_db


def test_deactivated_group_keeps_its_history_but_leaves_the_shop(group, bali_curator):
    product = ProductFactory(group=group)

    deactivate_group(group.pk, actor=bali_curator)

    group.refresh_from_db()
    assert group.is_active is False
    assert Product.objects.filter(pk=product.pk).exists()
    assert not Product.objects.published().filter(pk=product.pk).exists()
    entry = AuditEntry.objects.get(action="group_deactivated")
    assert entry.changes == {"is_active": [True, False]}


def test_reactivation_puts_it_back(group, bali_curator):
    product = ProductFactory(group=group)
    deactivate_group(group.pk, actor=bali_curator)

    reactivate_group(group.pk, actor=bali_curator)

    assert Product.objects.published().filter(pk=product.pk).exists()


def test_viewer_cannot_deactivate(group, bali_viewer):
    with pytest.raises(CurationError) as err:
        deactivate_group(group.pk, actor=bali_viewer)

    assert err.value.code == CurationErrorCode.NOT_ALLOWED
    group.refresh_from_db()
    assert group.is_active is True
    assert AuditEntry.objects.count() == 0


def test_admin_action_deactivates_only_the_province_groups(
    client, group, aceh_group, national_admin
):
    client.force_login(national_admin)

    client.post(
        reverse("admin:groups_uppksgroup_changelist"),
        {"action": "deactivate_selected_groups", "_selected_action": [group.pk]},
    )

    group.refresh_from_db()
    aceh_group.refresh_from_db()
    assert (group.is_active, aceh_group.is_active) == (False, True)
