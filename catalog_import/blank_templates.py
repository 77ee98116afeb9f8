"""Blank spreadsheets to fill in: XLSX or CSV, with English or Indonesian headers and an example.

The XLSX notes are written in the template's own language (gettext with that language active),
whatever language the staff member's admin pages are in.
"""

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .columns import COLUMNS

# Every code in the example rows starts with this, so importing a template as it is can never
# touch a demo or real group or product: the example product names a group that does not exist.
SAMPLE_PREFIX = "CONTOH-"
EXAMPLES = {
    "groups": [
        "CONTOH-UPPKS-01",
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
        "CONTOH-UPPKS-01",
        "CONTOH-SBN-SEREH",
        "CONTOH-SBN",
        "Sabun Propolis Madu",
        "Kosmetik & Perawatan > Sabun",
        "Rp 25.000",
        "40",
        "90 g",
        "Sabun batang dengan propolis dan madu hutan.",
        "Aroma=Sereh; Ukuran=Kecil",
        "contoh-sabun-sereh.jpg",
        "",
        "BPOM NA18201200100",
        "50:Rp 21.000 | 200:Rp 19.000",
        "50",
        "7",
        "500",
    ],
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_REQUIRED_FILL = PatternFill("solid", fgColor="FDE68A")


def header(kind: str, lang: str) -> list[str]:
    return [c.alias if lang == "id" else c.name for c in COLUMNS[kind]]


def filename(kind: str, lang: str, fmt: str) -> str:
    names = {("groups", "id"): "kelompok", ("products", "id"): "produk"}
    return f"template-{names.get((kind, lang), kind)}-{lang}.{fmt}"


def build(kind: str, lang: str, fmt: str) -> bytes:
    """The template file's bytes: the header row, then one example row (and notes in XLSX)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header(kind, lang))
        writer.writerow(EXAMPLES[kind])
        return ("\ufeff" + out.getvalue()).encode("utf-8")  # Excel opens BOM'd UTF-8 correctly
    with translation.override(lang):
        workbook = Workbook()
        _fill_data_sheet(workbook.active, kind, lang)
        _fill_notes_sheet(workbook.create_sheet(pgettext("spreadsheet sheet", "notes")), kind)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _fill_data_sheet(sheet, kind: str, lang: str) -> None:
    titles = {
        "groups": pgettext("spreadsheet sheet", "groups"),
        "products": pgettext("spreadsheet sheet", "products"),
    }
    sheet.title = titles[kind]
    sheet.append(header(kind, lang))
    for position, value in enumerate(EXAMPLES[kind], start=1):
        cell = sheet.cell(row=2, column=position, value=value)
        cell.data_type = "s"  # text, never a formula
    bold = Font(bold=True)
    for position, column in enumerate(COLUMNS[kind], start=1):
        cell = sheet.cell(row=1, column=position)
        cell.font = bold
        if column.required:
            cell.fill = _REQUIRED_FILL
        sheet.column_dimensions[cell.column_letter].width = max(14, len(str(cell.value)) + 4)
    sheet.freeze_panes = "A2"


def _instructions(kind: str) -> list[str]:
    rows = {
        "groups": _(
            "Fill in one row per group on the first sheet, below the header row; "
            "keep the header row as it is."
        ),
        "products": _(
            "Fill in one row per product variant on the first sheet, below the header row; "
            "keep the header row as it is."
        ),
    }
    return [
        rows[kind],
        _("Columns with a yellow header are required."),
        _(
            "The example row (codes starting with %(prefix)s) only shows how values are "
            "written: replace it or delete it before importing."
        )
        % {"prefix": SAMPLE_PREFIX},
    ]


def _fill_notes_sheet(sheet, kind: str) -> None:
    """What to do, then one row per column: its name, alias, whether required, and its rule."""
    for line in _instructions(kind):
        sheet.append([line])
    sheet.append([])
    sheet.append([_("column"), _("alias"), _("required"), _("rule")])
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for column in COLUMNS[kind]:
        required = _("yes") if column.required else ""
        sheet.append([column.name, column.alias, required, str(column.help)])
        sheet.cell(row=sheet.max_row, column=4).alignment = wrap
    for letter, width in zip("ABCD", (16, 16, 10, 70), strict=True):
        sheet.column_dimensions[letter].width = width
