"""CSV and XLSX of a report; text cells that a spreadsheet would run as a formula are defused."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .queries import Report, ReportRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    """Prefix a text cell starting with = + - @ (or tab / CR) with a quote, as OWASP advises."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def header() -> list[str]:
    return [
        _("Code"),
        _("Region"),
        _("Groups registered"),
        _("Groups with a published product"),
        _("Groups with a sale"),
        _("Groups with an active partnership"),
        _("Orders"),
        _("GMV (Rp)"),
        _("AOV (Rp)"),
        _("Median hours to acceptance"),
        _("Median hours to shipment"),
        _("Rejection rate (%)"),
    ]


def row_values(row: ReportRow) -> list:
    rate = row.rejection_rate
    return [
        row.code,
        row.name,
        row.groups_registered,
        row.groups_with_published_product,
        row.groups_with_sale,
        row.groups_with_partnership,
        row.orders,
        row.gmv,
        row.aov,
        row.median_accept_hours,
        row.median_ship_hours,
        None if rate is None else round(rate * 100, 1),
    ]


def table(report: Report) -> list[list]:
    total = report.total
    rows = [row_values(row) for row in report.rows]
    rows.append(["", _("Total"), *row_values(total)[2:]])
    return [header(), *[[neutralize(value) for value in values] for values in rows]]


def to_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for values in table(report):
        writer.writerow(["" if value is None else value for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8


def to_xlsx(report: Report) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Report")[:31]
    for values in table(report):
        sheet.append(values)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    top = workbook.create_sheet(_("Top products")[:31])
    top.append([_("Product"), _("Quantity"), _("Orders"), _("GMV (Rp)")])
    for item in report.top_products:
        top.append([neutralize(item["name"]), item["quantity"], item["orders"], item["gmv"]])
    groups = workbook.create_sheet(_("Top groups")[:31])
    groups.append([_("Group"), _("Regency / city"), _("Quantity"), _("Orders"), _("GMV (Rp)")])
    for item in report.top_groups:
        groups.append(
            [
                neutralize(item["group__name"]),
                neutralize(item["group__regency__name"]),
                item["quantity"],
                item["orders"],
                item["gmv"],
            ]
        )
    for extra in (top, groups):
        for row in extra.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
