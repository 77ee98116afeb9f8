import pytest

from tests.factories.accounts import UserFactory


@pytest.mark.django_db
def test_admin_sidebar_links_the_staff_pages_in_indonesian(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    for link, label in [
        ("/admin/curation/", "Antrean tinjauan"),
        ("/admin/reports/", "Laporan"),
        ("/admin/import/", "Impor spreadsheet"),
        ("/admin/settlement/", "Dana kelompok & pencairan"),
    ]:
        assert f'href="{link}"' in page, link
        assert label in page, label
