"""Report pages: province staff see their province only (404 elsewhere), national staff all."""

import pytest
from django.urls import reverse

from tests.factories.accounts import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2026-03-01", "end": "2026-04-30"}


def rows(response) -> dict:
    return {row.code: row for row in response.context["report"].rows}


def test_bali_curator_sees_bali_per_regency(client, bali_curator, national_picture):
    client.force_login(bali_curator)

    response = client.get(reverse("reports:report"), PERIOD)

    assert response.status_code == 200
    assert response.context["report"].province.code == "51"
    assert rows(response)["51.05"].gmv == 250_000
    assert "11" not in rows(response)
    assert "Rp 250.000" in response.content.decode()
    assert "UPPKS Kopi Gayo" not in response.content.decode()


@pytest.mark.parametrize("params", [{"province": "11"}, {"province": "99"}])
def test_bali_curator_gets_404_on_other_provinces(client, bali_curator, national_picture, params):
    client.force_login(bali_curator)

    page = client.get(reverse("reports:report"), {**PERIOD, **params})
    csv = client.get(reverse("reports:export_csv"), {**PERIOD, **params})
    xlsx = client.get(reverse("reports:export_xlsx"), {**PERIOD, **params})

    assert (page.status_code, csv.status_code, xlsx.status_code) == (404, 404, 404)


def test_bali_viewer_reads_the_bali_report(client, bali_viewer, national_picture):
    client.force_login(bali_viewer)

    response = client.get(reverse("reports:report"), PERIOD)

    assert response.status_code == 200
    assert response.context["report"].total.orders == 3


def test_national_admin_sees_every_province_and_drills_down(
    client, national_admin, national_picture
):
    client.force_login(national_admin)

    national = client.get(reverse("reports:report"), PERIOD)
    aceh = client.get(reverse("reports:report"), {**PERIOD, "province": "11"})

    assert len(rows(national)) == 38
    assert national.context["report"].total.gmv == 490_000
    assert rows(aceh)["11.04"].orders == 2
    body = national.content.decode()
    assert "<svg" in body
    assert 'src="http' not in body  # no external JavaScript or assets


@pytest.mark.parametrize("user_factory", [UserFactory, StaffUserFactory])
def test_users_without_a_staff_role_get_nothing(client, national_picture, user_factory):
    client.force_login(user_factory())

    response = client.get(reverse("reports:report"), PERIOD)

    assert response.status_code in (302, 404)
    assert response.context is None or "report" not in response.context


def test_anonymous_is_sent_to_login(client, national_picture):
    response = client.get(reverse("reports:report"), PERIOD)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_invalid_period_is_a_form_error(client, national_admin):
    client.force_login(national_admin)

    response = client.get(reverse("reports:report"), {"start": "2026-05-01", "end": "2026-04-01"})

    assert response.status_code == 400
    assert response.context["report"] is None
