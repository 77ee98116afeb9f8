import pytest

from marketplace.core.models import AuditEntry
from marketplace.settlement.errors import SettlementError, SettlementErrorCode
from marketplace.settlement.models import PayoutAccount, PayoutAccountRequest, RequestStatus
from marketplace.settlement.payout_accounts import (
    approve_payout_account,
    reject_payout_account,
    request_payout_account,
)
from tests.factories.accounts import StaffUserFactory
from tests.factories.settlement import PayoutAccountFactory

pytestmark = pytest.mark.django_db


def test_a_request_applies_only_after_staff_approve_it(group, group_member):
    # given
    staff = StaffUserFactory()
    request = request_payout_account(
        group.pk,
        bank_code="014",
        account_number="123-456 7890",
        holder_name="  Ni  Made Sari ",
        actor=group_member,
    )
    assert not PayoutAccount.objects.exists()
    # when
    account = approve_payout_account(request.pk, actor=staff)
    # then
    assert (account.bank_code, account.account_number, account.holder_name) == (
        "014",
        "1234567890",
        "Ni Made Sari",
    )
    assert account.masked_number == "•••• 7890"
    assert account.approved_by == staff
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "actor_id"))
    assert actions == [
        ("payout_account_requested", group_member.pk),
        ("payout_account_approved", staff.pk),
    ]
    approved = AuditEntry.objects.get(action="payout_account_approved")
    assert approved.changes == {"account": [None, "Bank Central Asia (BCA) •••• 7890 Ni Made Sari"]}
    assert "1234567890" not in str(AuditEntry.objects.values_list("changes", flat=True))


def test_changing_an_account_is_audited_with_old_and_new_masked(group, group_member):
    PayoutAccountFactory(group=group, bank_code="002", account_number="123456789012345")
    request = request_payout_account(
        group.pk,
        bank_code="451",
        account_number="7123456789",
        holder_name="UPPKS Mawar",
        actor=group_member,
    )

    approve_payout_account(request.pk, actor=StaffUserFactory())

    entry = AuditEntry.objects.get(action="payout_account_approved")
    old, new = entry.changes["account"]
    assert old.startswith("Bank Rakyat Indonesia (BRI) •••• 2345")
    assert new == "Bank Syariah Indonesia (BSI) •••• 6789 UPPKS Mawar"


def test_rejected_request_leaves_the_current_account(group, group_member):
    current = PayoutAccountFactory(group=group, bank_code="002", account_number="123456789012345")
    request = request_payout_account(
        group.pk,
        bank_code="014",
        account_number="9876543210",
        holder_name="X Y",
        actor=group_member,
    )

    reject_payout_account(request.pk, actor=StaffUserFactory(), note="Nama tidak cocok")

    assert PayoutAccount.objects.get() == current
    assert PayoutAccount.objects.get().account_number == "123456789012345"
    with pytest.raises(SettlementError) as error:
        approve_payout_account(request.pk, actor=StaffUserFactory())
    assert error.value.code == SettlementErrorCode.REQUEST_NOT_PENDING


def test_a_new_request_replaces_the_pending_one(group, group_member):
    first = request_payout_account(
        group.pk,
        bank_code="014",
        account_number="1111111111",
        holder_name="A B",
        actor=group_member,
    )

    request_payout_account(
        group.pk,
        bank_code="014",
        account_number="2222222222",
        holder_name="A B",
        actor=group_member,
    )

    first.refresh_from_db()
    assert first.status == RequestStatus.SUPERSEDED
    assert PayoutAccountRequest.objects.filter(status=RequestStatus.PENDING).count() == 1


@pytest.mark.parametrize(
    ("bank_code", "number", "code", "field"),
    [
        ("999", "1234567890", SettlementErrorCode.UNKNOWN_BANK, "bank_code"),
        ("", "1234567890", SettlementErrorCode.UNKNOWN_BANK, "bank_code"),
        ("014", "12345", SettlementErrorCode.INVALID_ACCOUNT_NUMBER, "account_number"),
        ("014", "12345678901", SettlementErrorCode.INVALID_ACCOUNT_NUMBER, "account_number"),
        ("014", "12345abcde", SettlementErrorCode.INVALID_ACCOUNT_NUMBER, "account_number"),
        ("014", "١٢٣٤٥٦٧٨٩٠", SettlementErrorCode.INVALID_ACCOUNT_NUMBER, "account_number"),
        ("002", "1234567890", SettlementErrorCode.INVALID_ACCOUNT_NUMBER, "account_number"),
    ],
)
def test_malformed_account_or_unknown_bank_is_refused_and_nothing_is_recorded(
    group, group_member, bank_code, number, code, field
):
    with pytest.raises(SettlementError) as error:
        request_payout_account(
            group.pk,
            bank_code=bank_code,
            account_number=number,
            holder_name="Ni Made Sari",
            actor=group_member,
        )

    assert (error.value.code, error.value.field) == (code, field)
    assert error.value.message
    assert not PayoutAccountRequest.objects.exists()
    assert not AuditEntry.objects.exists()


def test_error_message_names_the_banks_account_length(group, group_member):
    with pytest.raises(SettlementError) as error:
        request_payout_account(
            group.pk, bank_code="002", account_number="12", holder_name="A B", actor=group_member
        )

    assert error.value.message == (
        "Nomor rekening di Bank Rakyat Indonesia (BRI) terdiri dari 15 angka, tanpa karakter lain."
    )
