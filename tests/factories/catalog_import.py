"""Spreadsheets, images and archives for the importer's tests, written to a temporary folder."""

import csv
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from PIL import Image

GROUP_HEADER = [
    "group_code",
    "name",
    "province",
    "regency",
    "district",
    "village",
    "leader",
    "phone",
    "email",
    "founded_year",
    "partners",
]
PRODUCT_HEADER = [
    "group_code",
    "sku",
    "parent_sku",
    "name",
    "category",
    "price",
    "stock",
    "weight",
    "description",
    "options",
    "images",
    "halal_number",
    "permit_number",
]


def group_row(**values) -> dict:
    row = {
        "group_code": "UPPKS-KLK-01",
        "name": "UPPKS Mawar Sari",
        "province": "Bali",
        "regency": "Kab. Klungkung",
        "district": "Dawan",
        "village": "Gunaksa",
        "leader": "Ni Wayan Sukerti",
        "phone": "0812-3456-7801",
        "email": "mawar@example.id",
        "founded_year": "2012",
        "partners": "BUMDes Gunaksa|Koperasi Wanita Dawan",
    }
    row.update(values)
    return row


def product_row(**values) -> dict:
    row = {
        "group_code": "UPPKS-KLK-01",
        "sku": "TAS-PDN-01",
        "parent_sku": "",
        "name": "Tas Anyaman Pandan",
        "category": "Anyaman",
        "price": "Rp 85.000",
        "stock": "10",
        "weight": "400 g",
        "description": "Dianyam tangan.",
        "options": "",
        "images": "",
        "halal_number": "",
        "permit_number": "",
    }
    row.update(values)
    return row


def write_csv(
    path: Path,
    rows: list[dict],
    *,
    header: list[str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
    newline: str = "\r\n",
) -> Path:
    header = header or list(rows[0])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path,
    rows: list[dict],
    *,
    header: list[str] | None = None,
    sheet: str = "Sheet1",
    before: list[str] = (),
    raw_cells: dict | None = None,
) -> Path:
    """``before`` adds empty sheets in front; ``raw_cells`` maps "B2" → a value written as is."""
    header = header or list(rows[0])
    workbook = Workbook()
    first = workbook.active
    for position, name in enumerate(before):
        (first if position == 0 else workbook.create_sheet()).title = name
    worksheet = workbook.create_sheet(sheet) if before else first
    worksheet.title = sheet
    worksheet.append(header)
    for row in rows:
        worksheet.append([row.get(name, "") for name in header])
    for cell, value in (raw_cells or {}).items():
        worksheet[cell] = value
    workbook.save(path)
    return path


def image_bytes(
    width: int = 64, height: int = 64, fmt: str = "JPEG", color: str = "orange"
) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, fmt)
    return out.getvalue()


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path
