"""A Bali curator sees and changes only Bali rows in every admin page of curation; 404 elsewhere."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.core.audit import record
from marketplace.curation.models import MemberInvitation, RevisionKind, hash_token
from marketplace.groups.models import UppksGroup
from tests.factories.catalog import ProductFactory, ProductVariantFactory, StockFactory
from tests.factories.curation import ProductRevisionFactory
from tests.factories.groups import GroupMemberFactory, PartnerFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_provinces(group, aceh_group):
    """The same set of rows in Bali (the default group) and in Aceh."""
    rows = {}
    for key, grp in (("bali", group), ("aceh", aceh_group)):
        product = ProductFactory(group=grp, name=f"Produk {key}")
        variant = ProductVariantFactory(product=product, sku=f"SKU-{key}")
        stock = StockFactory(variant=variant, group=grp)
        partner = PartnerFactory(name=f"Mitra {key}", regency=grp.regency)
        partnership = PartnershipFactory(group=grp, partner=partner)
        member = GroupMemberFactory(group=grp).user
        revision = ProductRevisionFactory(
            product=product, kind=RevisionKind.EDIT, changes={"name": f"Produk {key} baru"}
        )
        entry = record(None, grp, "test", {}, province_code=grp.regency.province_id)
        invitation = MemberInvitation.objects.create(
            group=grp,
            email=f"{key}@example.id",
            channel="email",
            token_hash=hash_token(key),
            expires_at=timezone.now() + timedelta(days=7),
        )
        rows[key] = {
            "groups_uppksgroup": grp,
            "catalog_product": product,
            "catalog_productvariant": variant,
            "catalog_stock": stock,
            "groups_partner": partner,
            "groups_partnership": partnership,
            "accounts_user": member,
            "core_auditentry": entry,
            "curation_productrevision": revision,
            "curation_memberinvitation": invitation,
        }
    return rows


ADMINS = [
    "groups_uppksgroup",
    "catalog_product",
    "catalog_productvariant",
    "catalog_stock",
    "groups_partner",
    "groups_partnership",
    "accounts_user",
    "core_auditentry",
    "curation_memberinvitation",
]


@pytest.mark.parametrize("admin_name", ADMINS)
def test_curator_gets_404_on_an_aceh_row(client, bali_curator, two_provinces, admin_name):
    client.force_login(bali_curator)
    aceh = two_provinces["aceh"][admin_name]
    bali = two_provinces["bali"][admin_name]

    outside = client.get(reverse(f"admin:{admin_name}_change", args=[aceh.pk]))
    inside = client.get(reverse(f"admin:{admin_name}_change", args=[bali.pk]))

    assert outside.status_code == 404
    assert inside.status_code == 200


@pytest.mark.parametrize("admin_name", ADMINS)
def test_curator_list_shows_only_bali_rows(client, bali_curator, two_provinces, admin_name):
    client.force_login(bali_curator)

    response = client.get(reverse(f"admin:{admin_name}_changelist"))

    expected = {two_provinces["bali"][admin_name]}
    if admin_name == "accounts_user":
        expected.add(bali_curator)  # Bali's own staff are Bali accounts too
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == expected


@pytest.mark.parametrize("admin_name", ADMINS)
def test_national_admin_sees_both_provinces(client, national_admin, two_provinces, admin_name):
    client.force_login(national_admin)

    response = client.get(reverse(f"admin:{admin_name}_changelist"))

    expected = {two_provinces["bali"][admin_name], two_provinces["aceh"][admin_name]}
    assert expected <= set(response.context["cl"].result_list)
    aceh = two_provinces["aceh"][admin_name]
    assert client.get(reverse(f"admin:{admin_name}_change", args=[aceh.pk])).status_code == 200


def test_review_request_outside_the_province_is_404(client, bali_curator, two_provinces):
    client.force_login(bali_curator)
    aceh = two_provinces["aceh"]["curation_productrevision"]
    bali = two_provinces["bali"]["curation_productrevision"]

    assert client.get(reverse("curation:review", args=[aceh.pk])).status_code == 404
    assert client.get(reverse("curation:review", args=[bali.pk])).status_code == 200
    change = client.get(reverse("admin:curation_productrevision_change", args=[aceh.pk]))
    assert change.status_code == 404


def test_invite_page_outside_the_province_is_404(client, bali_curator, two_provinces):
    client.force_login(bali_curator)
    aceh = two_provinces["aceh"]["groups_uppksgroup"]

    response = client.get(reverse("curation:invite", args=[aceh.pk]))

    assert response.status_code == 404


def test_curator_cannot_move_a_product_to_an_aceh_group(client, bali_curator, two_provinces):
    client.force_login(bali_curator)
    product = two_provinces["bali"]["catalog_product"]
    aceh_group = two_provinces["aceh"]["groups_uppksgroup"]
    url = reverse("admin:catalog_product_change", args=[product.pk])

    form = client.get(url).context["adminform"].form

    assert not form.fields["group"].queryset.filter(pk=aceh_group.pk).exists()
    assert form.fields["group"].queryset.filter(pk=product.group_id).exists()


def test_viewer_reads_but_cannot_change(client, bali_viewer, two_provinces):
    client.force_login(bali_viewer)
    grp = two_provinces["bali"]["groups_uppksgroup"]
    url = reverse("admin:groups_uppksgroup_change", args=[grp.pk])

    page = client.get(url)
    post = client.post(url, {"name": "Diubah", "code": grp.code, "slug": grp.slug})
    add = client.get(reverse("admin:groups_uppksgroup_add"))

    assert page.status_code == 200
    assert post.status_code == 403
    assert add.status_code == 403
    grp.refresh_from_db()
    assert grp.name != "Diubah"


def test_user_without_staff_role_sees_no_rows(client, two_provinces):
    from tests.factories.accounts import StaffUserFactory

    client.force_login(StaffUserFactory())  # is_staff, but no BKKBN role
    grp = two_provinces["bali"]["groups_uppksgroup"]

    response = client.get(reverse("admin:groups_uppksgroup_change", args=[grp.pk]))

    assert response.status_code == 404
    assert UppksGroup.objects.count() == 2
