import pytest
from django.urls import reverse

from marketplace.core.models import AuditEntry
from marketplace.partners.models import AccountStatus
from tests.factories.curation import ProvinceCuratorFactory
from tests.factories.partners import PartnerAccountFactory
from tests.factories.regions import ACEH_TENGAH, district

pytestmark = pytest.mark.django_db


def test_partner_directory_scoped_and_approved_by_province_staff(client):
    bali = PartnerAccountFactory(status=AccountStatus.PENDING)
    aceh = PartnerAccountFactory(status=AccountStatus.PENDING, district=district(ACEH_TENGAH))
    client.force_login(ProvinceCuratorFactory())
    listing = client.get(reverse("admin:partners_partneraccount_changelist"))
    assert listing.status_code == 200
    assert set(listing.context["cl"].result_list) == {bali}
    outside = client.get(reverse("admin:partners_partneraccount_change", args=[aceh.pk]))
    assert outside.status_code == 404
    client.post(
        reverse("admin:partners_partneraccount_changelist"),
        {"action": "approve_selected", "_selected_action": [bali.pk, aceh.pk]},
    )
    bali.refresh_from_db()
    aceh.refresh_from_db()
    assert bali.status == AccountStatus.APPROVED
    assert aceh.status == AccountStatus.PENDING
    assert AuditEntry.objects.filter(action="partner_approved").count() == 1
