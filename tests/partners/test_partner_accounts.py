import pytest

from marketplace.accounts.models import StaffRole
from marketplace.core.models import AuditEntry
from marketplace.groups.models import Partner, PartnerKind
from marketplace.partners.errors import PartnerError, PartnerErrorCode
from marketplace.partners.models import (
    AccountStatus,
    PartnerAccount,
    PartnerRole,
    PartnerUser,
)
from marketplace.partners.services import (
    ContactData,
    PartnerData,
    add_partner_user,
    approve_partner,
    invite_partner,
    partner_membership,
    register_partner,
    reject_partner,
    set_credit_limit,
)
from tests.factories.accounts import StaffUserFactory, UserFactory
from tests.factories.partners import PartnerAccountFactory, PartnerUserFactory
from tests.factories.regions import ACEH, BALI, district, province

pytestmark = pytest.mark.django_db

BADUNG = "51.03"


def hotel_data(**overrides) -> PartnerData:
    values = {
        "name": "Hotel Segara Kuta",
        "kind": PartnerKind.HOTEL,
        "district_code": district(BADUNG).code,
        "address": "Jl. Pantai Kuta No. 8",
        "npwp": "01.234.567.8-901.000",
        "phone": "+6281234500001",
        "contacts": [ContactData(name="Wayan Adi", position="Purchasing")],
    }
    values.update(overrides)
    return PartnerData(**values)


def curator(code: str = BALI):
    return StaffUserFactory(staff_role=StaffRole.PROVINCE_CURATOR, staff_province=province(code))


def test_partner_registers_on_storefront_pending_with_admin_user_and_audit():
    user = UserFactory()
    account = register_partner(user, hotel_data())
    assert account.status == AccountStatus.PENDING
    assert account.npwp == "012345678901000"
    assert account.partner.regency_id == BADUNG
    assert account.province_code == BALI
    assert [c.name for c in account.contacts.all()] == ["Wayan Adi"]
    assert PartnerUser.objects.get(user=user).role == PartnerRole.ADMIN
    assert partner_membership(user) is None  # not approved yet
    entry = AuditEntry.objects.get(action="partner_registered")
    assert entry.province_code == BALI


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"npwp": "12345"}, "NPWP harus 15 atau 16 digit."),
        ({"district_code": "99.99.99"}, "Pilih kecamatan."),
        ({"address": "  "}, "Isi alamat."),
        ({"kind": "alien"}, "Pilih jenis mitra."),
    ],
)
def test_partner_registration_bad_input_writes_nothing(overrides, message):
    with pytest.raises(PartnerError) as error:
        register_partner(UserFactory(), hotel_data(**overrides))
    assert error.value.message == message
    assert not Partner.objects.exists()
    assert not PartnerAccount.objects.exists()


def test_partner_name_taken_and_user_of_another_partner_refused():
    member = PartnerUserFactory()
    with pytest.raises(PartnerError) as error:
        register_partner(member.user, hotel_data())
    assert error.value.code == PartnerErrorCode.ALREADY_PARTNER_USER
    register_partner(UserFactory(), hotel_data())
    with pytest.raises(PartnerError) as error:
        register_partner(UserFactory(), hotel_data(name="hotel segara kuta"))
    assert error.value.message == "Mitra bernama hotel segara kuta sudah terdaftar."
    assert PartnerAccount.objects.count() == 2


def test_partner_approval_by_province_staff_only_for_their_province():
    user = UserFactory()
    account = register_partner(user, hotel_data())
    with pytest.raises(PartnerError) as error:
        approve_partner(curator(ACEH), account)
    assert error.value.message == "Anda hanya boleh memutuskan mitra di provinsi Anda sendiri."
    account.refresh_from_db()
    assert account.status == AccountStatus.PENDING
    viewer = StaffUserFactory(staff_role=StaffRole.PROVINCE_VIEWER, staff_province=province(BALI))
    with pytest.raises(PartnerError):
        approve_partner(viewer, account)
    staff = curator(BALI)
    approve_partner(staff, account, credit_limit=25_000_000)
    account.refresh_from_db()
    assert account.status == AccountStatus.APPROVED
    assert account.credit_limit == 25_000_000
    assert account.decided_by == staff
    entry = AuditEntry.objects.get(action="partner_approved")
    assert entry.changes["status"] == ["pending", "approved"]
    assert entry.province_code == BALI
    assert partner_membership(user).account == account
    with pytest.raises(PartnerError) as error:
        approve_partner(staff, account)
    assert error.value.code == PartnerErrorCode.NOT_PENDING


def test_partner_rejection_needs_reason():
    account = register_partner(UserFactory(), hotel_data())
    staff = curator()
    with pytest.raises(PartnerError) as error:
        reject_partner(staff, account, reason=" ")
    assert error.value.message == "Tuliskan alasannya."
    reject_partner(staff, account, reason="NPWP tidak cocok")
    account.refresh_from_db()
    assert account.status == AccountStatus.REJECTED
    assert AuditEntry.objects.filter(action="partner_rejected").count() == 1


def test_partner_invited_by_staff_is_approved_with_new_user():
    staff = curator()
    account = invite_partner(
        staff, hotel_data(kind=PartnerKind.BUMDES, name="BUMDes Kuta"), email="Beli@Kuta.id"
    )
    assert account.status == AccountStatus.APPROVED
    member = account.users.get()
    assert member.user.email == "beli@kuta.id"
    assert not member.user.has_usable_password()
    assert AuditEntry.objects.get(action="partner_invited").actor == staff
    with pytest.raises(PartnerError):
        invite_partner(curator(ACEH), hotel_data(name="Koperasi Lain"), email="x@y.id")
    assert PartnerAccount.objects.count() == 1


def test_partner_users_with_roles_added_by_partner_admin_only():
    admin = PartnerUserFactory()
    finance = add_partner_user(
        admin.user, admin.account, email="keuangan@hotel.id", role=PartnerRole.FINANCE
    )
    assert finance.can_pay and not finance.can_buy
    buyer = add_partner_user(admin.user, admin.account, email="beli@hotel.id", role="buyer")
    assert buyer.can_buy and not buyer.can_pay
    with pytest.raises(PartnerError) as error:
        add_partner_user(buyer.user, admin.account, email="lain@hotel.id", role="buyer")
    assert error.value.message == "Hanya administrator mitra yang boleh menambah pengguna."
    other = PartnerUserFactory()
    with pytest.raises(PartnerError):
        add_partner_user(other.user, admin.account, email="lain@hotel.id", role="buyer")
    assert admin.account.users.count() == 3


def test_partner_credit_limit_set_by_staff_audited():
    account = PartnerAccountFactory()
    set_credit_limit(curator(), account, 10_000_000)
    account.refresh_from_db()
    assert account.credit_limit == 10_000_000
    with pytest.raises(PartnerError):
        set_credit_limit(curator(), account, -1)
    with pytest.raises(PartnerError):
        set_credit_limit(curator(ACEH), account, 1)
    account.refresh_from_db()
    assert account.credit_limit == 10_000_000
