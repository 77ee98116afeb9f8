"""The XLSX templates' notes are in the template's language, whatever language the admin is in."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from catalog_import.blank_templates import build
from marketplace.accounts.models import StaffRole
from tests.factories.accounts import StaffUserFactory


def _workbook(kind: str, lang: str, *, ui: str):
    with translation.override(ui):
        return load_workbook(io.BytesIO(build(kind, lang, "xlsx")))


def _notes(workbook) -> list[tuple]:
    return list(workbook.worksheets[1].iter_rows(values_only=True))


def test_the_indonesian_products_template_has_indonesian_notes_under_an_english_ui():
    workbook = _workbook("products", "id", ui="en")
    notes = _notes(workbook)
    assert workbook.sheetnames == ["produk", "petunjuk"]
    assert notes[:7] == [
        (
            "Isi satu baris untuk setiap varian produk di lembar pertama, di bawah baris judul; "
            "jangan ubah baris judul.",
            None,
            None,
            None,
        ),
        ("Kolom dengan judul berwarna kuning wajib diisi.", None, None, None),
        (
            "Baris contoh (kode yang diawali CONTOH-) hanya menunjukkan cara menulis nilai: "
            "ganti atau hapus baris itu sebelum mengimpor.",
            None,
            None,
            None,
        ),
        (None, None, None, None),
        ("kolom", "alias", "wajib", "aturan"),
        ("group_code", "kode_kelompok", "ya", "Kode kelompok yang sudah terdaftar."),
        ("sku", "sku", "ya", "Kode unik varian; kuncinya."),
    ]
    assert notes[10] == ("price", "harga", "ya", "Harga dalam rupiah bulat, mis. Rp 25.000.")
    assert notes[11] == ("stock", "stok", None, "Stok yang dimiliki kelompok, 0 atau lebih.")
    assert len(notes) == 5 + 17  # 13 columns + 4 wholesale columns (issue 18)


def test_the_indonesian_groups_template_has_indonesian_notes_under_an_english_ui():
    workbook = _workbook("groups", "id", ui="en")
    notes = _notes(workbook)
    assert workbook.sheetnames == ["kelompok", "petunjuk"]
    assert notes[0][0] == (
        "Isi satu baris untuk setiap kelompok di lembar pertama, di bawah baris judul; "
        "jangan ubah baris judul."
    )
    assert notes[4] == ("kolom", "alias", "wajib", "aturan")
    assert notes[5] == ("group_code", "kode_kelompok", "ya", "Kode unik kelompok; kuncinya.")
    assert notes[12] == ("phone", "telepon", "ya", "Nomor telepon Indonesia, mis. 0812-3456-7801.")
    assert len(notes) == 5 + 11


def test_the_english_products_template_has_english_notes_under_an_indonesian_ui():
    workbook = _workbook("products", "en", ui="id")
    notes = _notes(workbook)
    assert workbook.sheetnames == ["products", "notes"]
    assert notes[:6] == [
        (
            "Fill in one row per product variant on the first sheet, below the header row; "
            "keep the header row as it is.",
            None,
            None,
            None,
        ),
        ("Columns with a yellow header are required.", None, None, None),
        (
            "The example row (codes starting with CONTOH-) only shows how values are written: "
            "replace it or delete it before importing.",
            None,
            None,
            None,
        ),
        (None, None, None, None),
        ("column", "alias", "required", "rule"),
        ("group_code", "kode_kelompok", "yes", "Code of an existing group."),
    ]
    assert notes[10] == ("price", "harga", "yes", "Price in whole rupiah, e.g. Rp 25.000.")


def test_building_a_template_leaves_the_active_language_as_it_was():
    with translation.override("en"):
        build("products", "id", "xlsx")
        assert translation.get_language() == "en"


@pytest.mark.parametrize(("lang", "notes_sheet"), [("id", "petunjuk"), ("en", "notes")])
def test_the_downloaded_template_follows_its_own_language_not_the_browsers(
    client, db, lang, notes_sheet
):
    client.force_login(StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN))
    browser = "en" if lang == "id" else "id"
    url = reverse("catalog_import:template", args=["groups", lang, "xlsx"])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=browser)
    workbook = load_workbook(io.BytesIO(response.content))
    assert response.status_code == 200
    assert workbook.sheetnames[1] == notes_sheet
    assert _notes(workbook)[4][0] == ("kolom" if lang == "id" else "column")
