import pytest
from django.urls import reverse

from marketplace.accounts.models import StaffRole
from marketplace.settlement.models import PayoutAccountRequest, RequestStatus
from tests.factories.accounts import StaffUserFactory
from tests.factories.settlement import PayoutAccountFactory, PayoutAccountRequestFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "admin:settlement_ledgeraccount_changelist",
    "admin:settlement_payoutbatch_changelist",
    "admin:settlement_payoutaccount_changelist",
    "admin:settlement_payoutaccountrequest_changelist",
    "admin:settlement_categorycommission_changelist",
    "admin:settlement_groupcommission_changelist",
    "admin:settlement_ledgercheck_changelist",
    "settlement:dashboard",
    "settlement:groups",
    "settlement:account_requests",
    "settlement:batches",
    "settlement:reconciliation",
]


@pytest.mark.parametrize("name", PAGES)
def test_national_staff_open_every_settlement_page(client, name):
    PayoutAccountFactory()
    client.force_login(StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN, is_superuser=True))

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_payout_account_list_never_shows_the_full_number(client):
    PayoutAccountFactory(account_number="123456789012345")
    client.force_login(StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN, is_superuser=True))

    html = client.get(reverse("admin:settlement_payoutaccount_changelist")).content.decode()

    assert "•••• 2345" in html and "123456789012345" not in html


def test_staff_approve_a_change_from_the_approvals_page(client):
    request = PayoutAccountRequestFactory(account_number="1234567890")
    staff = StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN)
    client.force_login(staff)

    client.post(reverse("settlement:decide_account_request", args=[request.pk, "approve"]))

    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert request.group.payout_account.account_number == "1234567890"


def test_province_viewer_cannot_approve(client):
    request = PayoutAccountRequestFactory()
    client.force_login(
        StaffUserFactory(staff_role=StaffRole.PROVINCE_VIEWER, staff_province_id="51")
    )

    response = client.post(
        reverse("settlement:decide_account_request", args=[request.pk, "approve"])
    )

    assert response.status_code == 404
    assert PayoutAccountRequest.objects.get().status == RequestStatus.PENDING
