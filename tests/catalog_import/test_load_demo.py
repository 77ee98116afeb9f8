"""``load_demo``: the sample files through the importer, approved, with logins; twice is a no-op."""

from io import StringIO

from django.core.management import call_command

from marketplace.accounts.models import User
from marketplace.catalog.models import Product, ProductMedia, ProductStatus, ProductVariant, Stock
from marketplace.groups.models import GroupMember, UppksGroup


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_imports_approves_and_prints_the_logins(db):
    out = _load()
    groups = UppksGroup.objects.all()
    assert groups.count() == 12
    assert set(groups.values_list("regency__province_id", flat=True)) == {"11", "51"}
    assert {
        "51.05",
        "51.04",
        "51.06",
        "51.07",
        "51.71",
        "11.04",
        "11.17",
        "11.07",
        "11.06",
        "11.71",
    } <= set(groups.values_list("regency_id", flat=True))
    assert Product.objects.count() >= 40
    assert ProductVariant.objects.count() >= 60
    assert set(Product.objects.values_list("status", flat=True)) == {ProductStatus.APPROVED}
    assert ProductMedia.objects.count() == Product.objects.count()
    assert Stock.objects.filter(quantity__gt=0).count() == ProductVariant.objects.count()
    assert "admin@pasar-uppks.id / demo-admin-2026" in out
    assert "ketua@mawarsari.example.id / demo-kelompok-2026" in out
    staff = User.objects.get(email="admin@pasar-uppks.id")
    assert staff.is_superuser and staff.check_password("demo-admin-2026")
    member = GroupMember.objects.get(user__email="ketua@mawarsari.example.id")
    assert member.group.code == "UPPKS-BALI-001"
    assert member.user.check_password("demo-kelompok-2026")


def test_load_demo_gives_the_member_the_leaders_phone_to_log_in_with(client, db):
    out = _load()

    member = User.objects.get(email="ketua@mawarsari.example.id")
    assert str(member.phone) == "+6281234567801"
    assert "+6281234567801 / demo-kelompok-2026" in out
    response = client.post(
        "/portal/masuk/", {"username": "0812-3456-7801", "password": "demo-kelompok-2026"}
    )
    assert response.status_code == 302


def test_running_load_demo_twice_changes_nothing(db):
    _load()
    before = (
        list(UppksGroup.objects.values()),
        list(Product.objects.values()),
        list(ProductVariant.objects.values()),
        list(Stock.objects.values()),
        list(ProductMedia.objects.values()),
        list(User.objects.values()),
    )
    out = _load()
    after = (
        list(UppksGroup.objects.values()),
        list(Product.objects.values()),
        list(ProductVariant.objects.values()),
        list(Stock.objects.values()),
        list(ProductMedia.objects.values()),
        list(User.objects.values()),
    )
    assert after == before
    assert "created 0, updated 0" in out
