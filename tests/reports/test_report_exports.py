"""CSV and XLSX exports carry the same figures, with formula-looking text neutralized."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from marketplace.groups.models import UppksGroup
from marketplace.reports.exports import neutralize

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2026-03-01", "end": "2026-04-30"}


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+62812", "'+62812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Kopi Gayo", "Kopi Gayo"),
        (-5, -5),
    ],
)
def test_neutralize(value, expected):
    assert neutralize(value) == expected


def test_csv_export_of_the_bali_report(client, bali_curator, national_picture):
    client.force_login(bali_curator)

    response = client.get(reverse("reports:export_csv"), PERIOD)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    reader = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_code = {row[0]: row for row in reader[1:]}
    assert by_code["51.05"][2:9] == ["1", "1", "1", "1", "3", "250000", "83333"]
    assert reader[-1][1:9] == ["Total", "2", "2", "1", "1", "3", "250000", "83333"]


def test_xlsx_export_never_contains_a_formula(client, national_admin, national_picture):
    UppksGroup.objects.filter(pk=national_picture["g1"].pk).update(name="=cmd|' /C calc'!A0")
    client.force_login(national_admin)

    response = client.get(reverse("reports:export_xlsx"), PERIOD)

    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    groups = workbook.worksheets[2]
    assert groups["A2"].value == "'=cmd|' /C calc'!A0"
    assert groups["E2"].value == 250_000
    report = workbook.worksheets[0]
    totals = [cell.value for cell in report[report.max_row]]
    assert totals[1:9] == ["Total", 3, 3, 2, 1, 4, 490_000, 122_500]
