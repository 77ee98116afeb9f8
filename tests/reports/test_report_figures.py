"""Report figures against the hand-computed picture in conftest.py."""

from datetime import date

import pytest

from marketplace.reports.queries import build_report
from tests.reports.conftest import PERIOD

pytestmark = pytest.mark.django_db


def figures(row):
    return {
        "registered": row.groups_registered,
        "published": row.groups_with_published_product,
        "sale": row.groups_with_sale,
        "partnership": row.groups_with_partnership,
        "orders": row.orders,
        "gmv": row.gmv,
        "aov": row.aov,
        "fulfillments": row.fulfillments,
        "rejected": row.rejected,
        "accept_h": row.median_accept_hours,
        "ship_h": row.median_ship_hours,
    }


def test_national_report_per_province(national_picture):
    report = build_report(**PERIOD)

    rows = {row.code: row for row in report.rows}
    assert len(rows) == 38
    assert figures(rows["51"]) == {
        "registered": 2,
        "published": 2,
        "sale": 1,
        "partnership": 1,
        "orders": 3,
        "gmv": 250_000,
        "aov": 83_333,
        "fulfillments": 4,
        "rejected": 1,
        "accept_h": 4.0,
        "ship_h": 26.0,
    }
    assert rows["51"].rejection_rate == 0.25
    assert figures(rows["11"]) == {
        "registered": 1,
        "published": 1,
        "sale": 1,
        "partnership": 0,
        "orders": 2,
        "gmv": 240_000,
        "aov": 120_000,
        "fulfillments": 2,
        "rejected": 0,
        "accept_h": 9.0,
        "ship_h": 50.0,
    }
    assert figures(rows["31"])["registered"] == 0
    assert rows["31"].rejection_rate is None


def test_national_total_counts_each_order_once(national_picture):
    report = build_report(**PERIOD)

    assert figures(report.total) == {
        "registered": 3,
        "published": 3,
        "sale": 2,
        "partnership": 1,
        "orders": 4,
        "gmv": 490_000,
        "aov": 122_500,
        "fulfillments": 6,
        "rejected": 1,
        "accept_h": 6.0,
        "ship_h": 38.0,
    }


def test_province_report_per_regency(national_picture):
    report = build_report(**PERIOD, province_code="51")

    rows = {row.code: row for row in report.rows}
    assert set(rows) == {f"51.{n:02d}" for n in range(1, 9)} | {"51.71"}
    assert figures(rows["51.05"]) == {
        "registered": 1,
        "published": 1,
        "sale": 1,
        "partnership": 1,
        "orders": 3,
        "gmv": 250_000,
        "aov": 83_333,
        "fulfillments": 3,
        "rejected": 0,
        "accept_h": 4.0,
        "ship_h": 26.0,
    }
    assert figures(rows["51.04"]) == {
        "registered": 1,
        "published": 1,
        "sale": 0,
        "partnership": 0,
        "orders": 0,
        "gmv": 0,
        "aov": 0,
        "fulfillments": 1,
        "rejected": 1,
        "accept_h": None,
        "ship_h": None,
    }
    assert rows["51.04"].rejection_rate == 1.0
    assert figures(rows["51.71"])["registered"] == 0
    assert report.total.orders == 3
    assert report.total.gmv == 250_000


def test_trend_per_month_uses_local_time(national_picture):
    report = build_report(**PERIOD)

    assert report.months == [
        {"month": date(2026, 3, 1), "orders": 2, "gmv": 220_000},
        {"month": date(2026, 4, 1), "orders": 2, "gmv": 270_000},
    ]


def test_top_products_and_groups(national_picture):
    report = build_report(**PERIOD)

    assert [(p["name"], p["quantity"], p["gmv"]) for p in report.top_products] == [
        ("Sabun Propolis", 5, 250_000),
        ("Kopi Gayo Arabika", 2, 240_000),
    ]
    assert [(g["group__name"], g["gmv"]) for g in report.top_groups] == [
        ("UPPKS Mawar", 250_000),
        ("UPPKS Kopi Gayo", 240_000),
    ]


def test_partnerships_count_from_their_start(national_picture):
    report = build_report(start=date(2026, 6, 1), end=date(2026, 6, 30))

    rows = {row.code: row for row in report.rows}
    assert rows["11"].groups_with_partnership == 1
    assert rows["11"].orders == 0
    assert rows["51"].groups_registered == 3


@pytest.mark.parametrize("province_code", [None, "51"])
def test_portable_path_agrees_with_the_postgresql_path(national_picture, province_code):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from marketplace.regions.models import Province
    from marketplace.reports.queries import Report, ReportRow, _sales_from_orm

    fast = build_report(**PERIOD, province_code=province_code)
    zone = ZoneInfo("Asia/Jakarta")
    since = datetime.combine(PERIOD["start"], time.min, zone)
    until = datetime.combine(date(2026, 5, 1), time.min, zone)
    rows = {row.code: ReportRow(code=row.code, name=row.name) for row in fast.rows}
    province = Province.objects.get(pk=province_code) if province_code else None
    portable = Report(
        start=PERIOD["start"],
        end=PERIOD["end"],
        province=province,
        rows=[],
        total=ReportRow("", ""),
    )

    _sales_from_orm(portable, rows, since, until)

    for row in fast.rows:
        slow = rows[row.code]
        assert (slow.orders, slow.gmv, slow.fulfillments, slow.rejected) == (
            row.orders,
            row.gmv,
            row.fulfillments,
            row.rejected,
        )
        assert (slow.median_accept_hours, slow.median_ship_hours) == (
            row.median_accept_hours,
            row.median_ship_hours,
        )
    assert (portable.total.orders, portable.total.gmv) == (fast.total.orders, fast.total.gmv)
    assert portable.months == fast.months
    assert portable.top_products == fast.top_products
    assert portable.top_groups == fast.top_groups


def test_group_count_total_over_a_period_without_sales(national_picture):
    # given June 2026: no order paid, G3 registered since May, G5's partnership begun 1 June
    # when
    report = build_report(start=date(2026, 6, 1), end=date(2026, 6, 30))
    # then the total is G1, G2, G3 and G5, each counted once
    total = report.total
    assert (total.groups_registered, total.groups_with_sale) == (4, 0)
    assert total.groups_with_partnership == 2
    assert (total.orders, total.gmv, total.fulfillments) == (0, 0, 0)
