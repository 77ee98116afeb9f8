"""CSV in every way Excel writes it, XLSX by sheet, headers in both languages, real row numbers."""

import pytest

from catalog_import.columns import PRODUCT_COLUMNS, match_header, normalize_header
from catalog_import.errors import ImportErrorCode, ImportFileError
from catalog_import.readers import open_sheet
from marketplace.catalog.models import ProductVariant
from tests.factories.catalog_import import PRODUCT_HEADER, product_row, write_csv, write_xlsx

INDONESIAN_HEADER = [
    " Kode Kelompok ",
    "SKU",
    "sku-induk",
    "Nama Produk",
    "KATEGORI",
    "harga",
    "stok",
    "berat",
    "deskripsi",
    "varian",
    "gambar",
    "no halal",
    "izin/edar",
]


def _rows(path, **options):
    sheet = open_sheet(str(path), **options)
    return sheet, [(row.number, row.cells) for row in sheet.rows]


@pytest.mark.parametrize(
    ("delimiter", "encoding", "newline"),
    [
        (",", "utf-8", "\n"),
        (";", "utf-8", "\r\n"),
        (";", "utf-8-sig", "\r\n"),
        (",", "cp1252", "\r\n"),
        ("\t", "utf-8", "\n"),
    ],
)
def test_csv_variants_are_read_alike(tmp_path, delimiter, encoding, newline):
    path = write_csv(
        tmp_path / "produk.csv",
        [product_row(name="Kopi Gayo – Café blend")],
        header=PRODUCT_HEADER,
        delimiter=delimiter,
        encoding=encoding,
        newline=newline,
    )
    sheet, rows = _rows(path)
    assert sheet.header == PRODUCT_HEADER
    assert sheet.delimiter == delimiter
    assert rows[0][0] == 2
    assert rows[0][1][3] == "Kopi Gayo – Café blend"


def test_row_numbers_are_the_spreadsheets_own_with_blank_rows_skipped(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("group_code,sku\nA,1\n,\nB,2\n", encoding="utf-8")
    _sheet, rows = _rows(path)
    assert rows == [(2, ["A", "1"]), (4, ["B", "2"])]


def test_xlsx_reads_the_first_sheet_unless_one_is_named(tmp_path):
    path = write_xlsx(tmp_path / "katalog.xlsx", [product_row(sku="X-1")], header=PRODUCT_HEADER)
    first, rows = _rows(path)
    assert first.kind == "xlsx"
    assert first.header == PRODUCT_HEADER
    assert rows[0][0] == 2
    assert rows[0][1][1] == "X-1"
    assert rows[0][1][6] == "10"


def test_xlsx_named_sheet_behind_an_empty_first_sheet(tmp_path):
    path = write_xlsx(
        tmp_path / "katalog.xlsx",
        [product_row(sku="X-1")],
        header=PRODUCT_HEADER,
        sheet="produk",
        before=["catatan"],
    )
    with pytest.raises(ImportFileError) as empty:
        open_sheet(str(path))
    assert empty.value.code == ImportErrorCode.EMPTY_FILE
    with pytest.raises(ImportFileError) as missing:
        open_sheet(str(path), sheet="harga")
    assert missing.value.code == ImportErrorCode.SHEET_NOT_FOUND
    named, rows = _rows(path, sheet="produk")
    assert named.header == PRODUCT_HEADER
    assert [(number, cells[1]) for number, cells in rows] == [(2, "X-1")]


def test_headers_match_in_english_or_indonesian_ignoring_case_spaces_and_separators():
    header = match_header(INDONESIAN_HEADER, PRODUCT_COLUMNS)
    assert header.positions["group_code"] == 0
    assert header.positions["parent_sku"] == 2
    assert header.positions["halal_number"] == 11
    assert header.positions["permit_number"] == 12
    assert header.unknown == ()
    assert normalize_header("\ufeffKabupaten / Kota") == "kabupaten_kota"


def test_indonesian_headers_import_like_english_ones(tmp_path, klungkung_group, run_import):
    rows = [product_row()]
    path = tmp_path / "produk.csv"
    write_csv(path, [dict(zip(INDONESIAN_HEADER, r.values(), strict=True)) for r in rows])
    report = run_import(path)
    assert report["counts"]["created"] == 1
    assert ProductVariant.objects.get(sku="TAS-PDN-01").price == 85_000


def test_formulas_are_read_as_text_never_evaluated(tmp_path, klungkung_group, run_import):
    path = write_xlsx(
        tmp_path / "katalog.xlsx",
        [product_row()],
        header=PRODUCT_HEADER,
        raw_cells={"D2": '=HYPERLINK("http://evil.example","klik")', "F2": "=1+1"},
    )
    report = run_import(path)
    row = report["rows"][0]
    assert row["action"] == "rejected"
    assert [(e["column"], e["code"]) for e in row["errors"]] == [("price", "invalid_price")]
    assert {(w["column"], w["code"]) for w in row["warnings"]} == {
        ("name", "formula_as_text"),
        ("price", "formula_as_text"),
    }
    assert row["normalized"]["name"] == '=HYPERLINK("http://evil.example","klik")'
    assert not ProductVariant.objects.exists()
