"""Blank spreadsheets to fill in: XLSX or CSV, with English or Indonesian headers and an example."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from .columns import COLUMNS

EXAMPLES = {
    "groups": [
        "UPPKS-BALI-101",
        "UPPKS Melati Sari",
        "Bali",
        "Kab. Klungkung",
        "Dawan",
        "Gunaksa",
        "Ni Wayan Sukerti",
        "0812-3456-7801",
        "melatisari@example.id",
        "2015",
        "BUMDes Gunaksa Sejahtera|Koperasi Wanita Dawan",
    ],
    "products": [
        "UPPKS-BALI-101",
        "SBN-PROP-SEREH",
        "SBN-PROPOLIS",
        "Sabun Propolis Madu",
        "Kosmetik & Perawatan > Sabun",
        "Rp 25.000",
        "40",
        "90 g",
        "Sabun batang dengan propolis dan madu hutan.",
        "Aroma=Sereh; Ukuran=Kecil",
        "sbn-propolis.jpg",
        "",
        "BPOM NA18201200100",
    ],
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def header(kind: str, lang: str) -> list[str]:
    return [c.alias if lang == "id" else c.name for c in COLUMNS[kind]]


def filename(kind: str, lang: str, fmt: str) -> str:
    names = {("groups", "id"): "kelompok", ("products", "id"): "produk"}
    return f"template-{names.get((kind, lang), kind)}-{lang}.{fmt}"


def build(kind: str, lang: str, fmt: str) -> bytes:
    """The template file's bytes: the header row, then one example row."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header(kind, lang))
        writer.writerow(EXAMPLES[kind])
        return ("\ufeff" + out.getvalue()).encode("utf-8")  # Excel opens BOM'd UTF-8 correctly
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "kelompok" if kind == "groups" else "produk"
    sheet.append(header(kind, lang))
    for position, value in enumerate(EXAMPLES[kind], start=1):
        cell = sheet.cell(row=2, column=position, value=value)
        cell.data_type = "s"  # text, never a formula
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FDE68A")
    for position, column in enumerate(COLUMNS[kind], start=1):
        cell = sheet.cell(row=1, column=position)
        cell.font = bold
        if column.required:
            cell.fill = fill
        sheet.column_dimensions[cell.column_letter].width = max(14, len(str(cell.value)) + 4)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("petunjuk" if lang == "id" else "notes")
    notes.append(["column", "alias", "required", "rule"])
    for column in COLUMNS[kind]:
        notes.append(
            [column.name, column.alias, "yes" if column.required else "", str(column.help)]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
