"""Onboarding in the admin: province staff create groups and partnerships in their province only."""

import pytest
from django.urls import reverse

from marketplace.groups.models import Partnership, UppksGroup
from tests.factories.groups import PartnerFactory
from tests.factories.regions import ACEH_TENGAH, KLUNGKUNG

pytestmark = pytest.mark.django_db


def group_form(regency_code: str) -> dict:
    return {
        "code": "UPPKS-BARU-1",
        "name": "UPPKS Kenanga",
        "slug": "uppks-kenanga",
        "regency": regency_code,
        "phone": "+6281234500099",
        "is_active": "on",
        "members-TOTAL_FORMS": 0,
        "members-INITIAL_FORMS": 0,
        "partnerships-TOTAL_FORMS": 0,
        "partnerships-INITIAL_FORMS": 0,
    }


def test_bali_curator_onboards_a_bali_group(client, bali_curator):
    client.force_login(bali_curator)

    response = client.post(reverse("admin:groups_uppksgroup_add"), group_form(KLUNGKUNG))

    assert response.status_code == 302
    assert UppksGroup.objects.get(code="UPPKS-BARU-1").regency_id == KLUNGKUNG


def test_bali_curator_cannot_place_a_group_in_aceh(client, bali_curator):
    client.force_login(bali_curator)

    response = client.post(reverse("admin:groups_uppksgroup_add"), group_form(ACEH_TENGAH))

    assert response.status_code == 200
    assert "regency" in response.context["adminform"].form.errors
    assert not UppksGroup.objects.filter(code="UPPKS-BARU-1").exists()


def test_curator_links_a_bali_group_to_a_national_partner(client, bali_curator, group, aceh_group):
    national = PartnerFactory(name="Program Nasional")
    aceh_only = PartnerFactory(name="Koperasi Gayo", regency=aceh_group.regency)
    client.force_login(bali_curator)
    url = reverse("admin:groups_partnership_add")

    form = client.get(url).context["adminform"].form
    response = client.post(url, {"group": group.pk, "partner": national.pk, "is_active": "on"})

    assert form.fields["partner"].queryset.filter(pk=national.pk).exists()
    assert not form.fields["partner"].queryset.filter(pk=aceh_only.pk).exists()
    assert response.status_code == 302
    assert Partnership.objects.get().partner == national


def test_curator_cannot_edit_a_national_partner(client, bali_curator):
    national = PartnerFactory(name="Program Nasional")
    client.force_login(bali_curator)

    response = client.post(
        reverse("admin:groups_partner_change", args=[national.pk]),
        {
            "name": "Diubah",
            "kind": "government",
            "partnerships-TOTAL_FORMS": 0,
            "partnerships-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 403
    national.refresh_from_db()
    assert national.name == "Program Nasional"
