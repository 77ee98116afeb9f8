"""``import_groups`` and ``import_catalog``: exit status, the JSON report, the table, --lang."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from catalog_import.models import ImportRun, ImportStatus
from marketplace.catalog.models import ProductVariant
from marketplace.groups.models import UppksGroup
from tests.factories.catalog_import import (
    GROUP_HEADER,
    PRODUCT_HEADER,
    group_row,
    product_row,
    write_csv,
    write_xlsx,
)


def _call(*args):
    out = StringIO()
    try:
        call_command(*args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_import_groups_writes_the_report_and_exits_0(db, tmp_path):
    path = write_csv(tmp_path / "kelompok.csv", [group_row()], header=GROUP_HEADER)
    report_path = tmp_path / "laporan.json"
    code, out = _call("import_groups", str(path), "--report", str(report_path), "--lang", "en")
    assert code == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["counts"] == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "warnings": 0,
    }
    assert report["rows"] == [
        {
            "row": 2,
            "key": "UPPKS-KLK-01",
            "action": "created",
            "errors": [],
            "warnings": [],
            "normalized": {
                "group_code": "UPPKS-KLK-01",
                "name": "UPPKS Mawar Sari",
                "province_code": "51",
                "regency_code": "51.05",
                "district_code": UppksGroup.objects.get().district_id,
                "village": "Gunaksa",
                "leader": "Ni Wayan Sukerti",
                "phone": "+6281234567801",
                "email": "mawar@example.id",
                "founded_year": 2012,
                "partners": ["BUMDes Gunaksa", "Koperasi Wanita Dawan"],
            },
        }
    ]
    assert "UPPKS-KLK-01" in out
    assert "Imported: created 1, updated 0, unchanged 0, rejected 0, warnings 0." in out
    run = ImportRun.objects.get()
    assert (run.source, run.kind, run.status, run.counts["created"]) == (
        "command",
        "groups",
        ImportStatus.DONE,
        1,
    )


def test_an_invalid_row_means_nothing_written_and_exit_1(db, tmp_path):
    rows = [group_row(), group_row(group_code="B", phone="123")]
    path = write_csv(tmp_path / "kelompok.csv", rows, header=GROUP_HEADER)
    code, out = _call("import_groups", str(path), "--lang", "en")
    assert code == 1
    assert "invalid_phone" in out
    assert "Nothing was written because some rows are invalid" in out
    assert not UppksGroup.objects.exists()


def test_skip_invalid_imports_the_rest_and_still_exits_1(db, tmp_path):
    rows = [group_row(), group_row(group_code="B", phone="123")]
    path = write_csv(tmp_path / "kelompok.csv", rows, header=GROUP_HEADER)
    code, _out = _call("import_groups", str(path), "--skip-invalid")
    assert code == 1
    assert list(UppksGroup.objects.values_list("code", flat=True)) == ["UPPKS-KLK-01"]


def test_dry_run_writes_nothing_and_exits_0(db, tmp_path):
    path = write_csv(tmp_path / "kelompok.csv", [group_row()], header=GROUP_HEADER)
    code, out = _call("import_groups", str(path), "--dry-run", "--lang", "en")
    assert code == 0
    assert "Dry run, nothing was written: created 1" in out
    assert not UppksGroup.objects.exists()


def test_messages_are_indonesian_by_default(db, tmp_path):
    path = write_csv(tmp_path / "kelompok.csv", [group_row(phone="123")], header=GROUP_HEADER)
    code, out = _call("import_groups", str(path))
    assert code == 1
    assert "bukan nomor telepon Indonesia yang sah" in out
    assert "ditolak" in out


def test_import_catalog_from_xlsx_with_a_named_sheet(tmp_path, klungkung_group):
    path = write_xlsx(
        tmp_path / "katalog.xlsx",
        [product_row()],
        header=PRODUCT_HEADER,
        sheet="produk",
        before=["petunjuk"],
    )
    code, out = _call("import_catalog", str(path), "--sheet", "produk", "--lang", "en")
    assert code == 0
    assert ProductVariant.objects.get().sku == "TAS-PDN-01"


def test_a_file_error_exits_1_with_its_message(db, tmp_path):
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    code, out = _call("import_catalog", str(path), "--lang", "en")
    assert code == 1
    assert "Nothing was imported: The file is empty." in out
    run = ImportRun.objects.get()
    assert (run.status, run.error_code) == (ImportStatus.REJECTED, "empty_file")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_table_lists_every_row_of_a_small_file(db, tmp_path, lang):
    rows = [group_row(group_code=f"G-{n}") for n in range(3)]
    path = write_csv(tmp_path / "kelompok.csv", rows, header=GROUP_HEADER)
    code, out = _call("import_groups", str(path), "--lang", lang)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[2:5]] == ["2", "3", "4"]
