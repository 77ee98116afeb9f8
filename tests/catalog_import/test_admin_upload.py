"""Staff upload a file in the admin, read the checked report, confirm; each import is recorded."""

import json
import re
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog_import.columns import PRODUCT_COLUMNS, match_header
from catalog_import.models import ImportRun, ImportStatus
from catalog_import.readers import open_sheet
from catalog_import.runs import progress_key
from marketplace.accounts.models import StaffRole
from marketplace.catalog.models import Product, ProductVariant
from marketplace.groups.models import UppksGroup
from tests.factories.accounts import StaffUserFactory, UserFactory
from tests.factories.catalog_import import (
    GROUP_HEADER,
    PRODUCT_HEADER,
    group_row,
    image_bytes,
    product_row,
    write_csv,
    write_zip,
)
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import province, regency


@pytest.fixture
def national_admin(db):
    return StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN)


def _upload(client, path, kind="products", images=None, skip_invalid=False):
    data = {
        "kind": kind,
        "file": SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv"),
    }
    if images is not None:
        data["images"] = SimpleUploadedFile(images.name, images.read_bytes())
    if skip_invalid:
        data["skip_invalid"] = "on"
    return client.post(reverse("catalog_import:upload"), data)


def test_upload_page_links_the_templates_and_the_rules(client, national_admin):
    client.force_login(national_admin)
    response = client.get(reverse("catalog_import:upload"))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("catalog_import:rules") in content
    assert reverse("catalog_import:template", args=["products", "id", "xlsx"]) in content
    assert reverse("catalog_import:template", args=["groups", "en", "csv"]) in content


def test_invalid_rows_are_highlighted_and_nothing_is_written(
    client, national_admin, klungkung_group, tmp_path
):
    client.force_login(national_admin)
    rows = [product_row(), product_row(sku="TAS-PDN-02", price="25.000,50")]
    response = _upload(client, write_csv(tmp_path / "katalog.csv", rows, header=PRODUCT_HEADER))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog_import:run", args=[run.pk])
    assert (run.status, run.created_by, run.original_name) == (
        ImportStatus.VALIDATED,
        national_admin,
        "katalog.csv",
    )
    assert run.counts == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
        "warnings": 0,
    }
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'<tr class="rejected" data-row="3">', page)
    assert "invalid_price" in page
    assert reverse("catalog_import:confirm", args=[run.pk]) not in page
    refused = client.post(reverse("catalog_import:confirm", args=[run.pk]))
    assert refused.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportStatus.VALIDATED
    assert not Product.objects.exists()


def test_confirming_a_checked_file_imports_it_with_its_images(
    client, national_admin, klungkung_group, tmp_path
):
    client.force_login(national_admin)
    path = write_csv(
        tmp_path / "katalog.csv", [product_row(images="tas.jpg")], header=PRODUCT_HEADER
    )
    archive = write_zip(tmp_path / "gambar.zip", {"tas.jpg": image_bytes()})
    response = _upload(client, path, images=archive)
    run = ImportRun.objects.get()
    assert not Product.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert reverse("catalog_import:confirm", args=[run.pk]) in page

    client.post(reverse("catalog_import:confirm", args=[run.pk]))
    run.refresh_from_db()
    assert (run.status, run.committed, run.counts["created"]) == (ImportStatus.DONE, True, 1)
    assert run.finished_at is not None
    product = Product.objects.get()
    assert product.media.count() == 1
    report = client.get(reverse("catalog_import:report", args=[run.pk]))
    assert json.loads(b"".join(report.streaming_content))["counts"]["created"] == 1


def test_a_file_level_error_is_shown(client, national_admin, tmp_path):
    client.force_login(national_admin)
    path = tmp_path / "foto.csv"
    path.write_bytes(image_bytes(fmt="PNG"))
    response = _upload(client, path, kind="groups")
    page = client.get(response["Location"]).content.decode()
    assert "not_a_spreadsheet" in page
    assert ImportRun.objects.get().status == ImportStatus.REJECTED


def test_province_staff_import_only_within_their_province(db, client, tmp_path):
    curator = StaffUserFactory(staff_role=StaffRole.PROVINCE_CURATOR, staff_province=province("11"))
    client.force_login(curator)
    path = write_csv(tmp_path / "kelompok.csv", [group_row()], header=GROUP_HEADER)
    _upload(client, path, kind="groups", skip_invalid=True)
    run = ImportRun.objects.get()
    assert run.counts["rejected"] == 1
    page = client.get(reverse("catalog_import:run", args=[run.pk])).content.decode()
    assert "out_of_scope" in page
    assert not UppksGroup.objects.exists()


def test_province_staff_see_only_their_own_imports(client, national_admin, tmp_path):
    client.force_login(national_admin)
    path = write_csv(tmp_path / "kelompok.csv", [group_row()], header=GROUP_HEADER)
    _upload(client, path, kind="groups")
    run = ImportRun.objects.get()
    curator = StaffUserFactory(staff_role=StaffRole.PROVINCE_CURATOR, staff_province=province("51"))
    client.force_login(curator)
    assert client.get(reverse("catalog_import:run", args=[run.pk])).status_code == 404


def test_viewers_and_customers_cannot_import(db, client, tmp_path):
    viewer = StaffUserFactory(staff_role=StaffRole.PROVINCE_VIEWER, staff_province=province("51"))
    client.force_login(viewer)
    assert client.get(reverse("catalog_import:upload")).status_code == 404
    client.force_login(UserFactory())
    response = client.get(reverse("catalog_import:upload"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("kind", ["groups", "products"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_templates_download_and_read_back(client, national_admin, tmp_path, kind, lang):
    client.force_login(national_admin)
    for fmt in ("xlsx", "csv"):
        response = client.get(reverse("catalog_import:template", args=[kind, lang, fmt]))
        assert response.status_code == 200
        assert f"-{lang}.{fmt}" in response["Content-Disposition"]
        path = tmp_path / f"template.{fmt}"
        path.write_bytes(response.content)
        sheet = open_sheet(str(path))
        columns = [c.alias if lang == "id" else c.name for c in PRODUCT_COLUMNS]
        if kind == "products":
            assert sheet.header == columns
            assert match_header(sheet.header, PRODUCT_COLUMNS).unknown == ()
        else:
            assert sheet.header[0] == ("kode_kelompok" if lang == "id" else "group_code")
        assert len(list(sheet.rows)) == 1


def test_the_rules_page_shows_the_docs(client, national_admin):
    client.force_login(national_admin)
    response = client.get(reverse("catalog_import:rules"))
    assert response.status_code == 200
    assert "kode_kelompok" in response.content.decode()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_checked_and_imported_by_a_celery_worker(
    client, settings, tmp_path, celery_worker_factory
):
    settings.IMPORT_SYNC_MAX_BYTES = 0  # every file counts as large
    UppksGroupFactory(code="UPPKS-KLK-01", regency=regency("51.05"))
    admin = StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN)
    celery_worker_factory(env={"MEDIA_ROOT": settings.MEDIA_ROOT})
    client.force_login(admin)
    rows = [product_row(sku=f"TAS-{n:03d}") for n in range(30)]
    response = _upload(client, write_csv(tmp_path / "katalog.csv", rows, header=PRODUCT_HEADER))
    run = ImportRun.objects.get()
    assert response.status_code == 302

    _wait_for(run, ImportStatus.VALIDATED)
    progress = client.get(reverse("catalog_import:progress", args=[run.pk])).json()
    assert progress == {
        "status": "validated",
        "running": False,
        "phase": "validated",
        "processed": 30,
        "total": 30,
    }
    assert not ProductVariant.objects.exists()

    client.post(reverse("catalog_import:confirm", args=[run.pk]))
    _wait_for(run, ImportStatus.DONE)
    assert ProductVariant.objects.count() == 30
    assert run.counts["created"] == 30


def _wait_for(run, status, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status == status:
            return
        time.sleep(0.2)
    raise AssertionError(f"import {run.pk} is {run.status}, not {status}")


def test_the_run_page_of_a_running_import_shows_progress(client, national_admin):
    run = ImportRun.objects.create(
        kind="products",
        original_name="besar.csv",
        status=ImportStatus.IMPORTING,
        created_by=national_admin,
        total_rows=50_000,
        processed_rows=0,
    )
    cache.set(progress_key(run.pk), {"phase": "importing", "processed": 12_000, "total": 50_000})
    client.force_login(national_admin)
    page = client.get(reverse("catalog_import:run", args=[run.pk])).content.decode()
    assert '<progress id="import-progress" max="50000" value="12000">' in page
    assert '<meta http-equiv="refresh" content="3">' in page
    cache.delete(progress_key(run.pk))


def test_imports_are_listed_in_the_admin_for_audit(db, client, tmp_path):
    superuser = StaffUserFactory(is_superuser=True)
    client.force_login(superuser)
    path = write_csv(tmp_path / "kelompok.csv", [group_row()], header=GROUP_HEADER)
    _upload(client, path, kind="groups")
    response = client.get(reverse("admin:catalog_import_importrun_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "kelompok.csv" in content
    assert reverse("catalog_import:run", args=[ImportRun.objects.get().pk]) in content
