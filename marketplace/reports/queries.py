"""Staff report figures, per province (national view) or per kabupaten/kota (one province).

Every figure is an aggregate query grouped by region; nothing loops over groups or orders in
Python. Definitions (also shown on the page):

- period: ``[start, end)`` in local dates; an order counts in the period it was paid in
  (``Order.paid_at``) unless it was canceled afterwards;
- groups registered: active groups created before the end of the period;
- with a published product: of those, the groups with at least one approved product (now);
- with a sale: groups with a fulfilment of an order paid in the period that they did not reject;
- with an active partnership: groups with at least one active partnership begun by the period end;
- orders / GMV / AOV: per region the orders that include a region's group, the value of the lines
  routed to the region's groups, and their ratio; the total row counts each order once;
- median times: from payment to the group's acceptance, and to shipment, over the fulfilments
  of orders paid in the period;
- rejection rate: fulfilments rejected by the group / fulfilments of orders paid in the period.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from marketplace.catalog.models import Product, ProductStatus
from marketplace.groups.models import Partnership, UppksGroup
from marketplace.orders.models import (
    Fulfillment,
    FulfillmentStatus,
    OrderLine,
    OrderStatus,
)
from marketplace.regions.models import Province, Regency

from . import sql

NUMBER_FIELDS = (
    "groups_registered",
    "groups_with_published_product",
    "groups_with_sale",
    "groups_with_partnership",
    "orders",
    "gmv",
)


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``; NULLs (not yet accepted / shipped) are ignored."""

    function = "percentile_cont"
    name = "Median"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class Seconds(Func):
    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = FloatField()


@dataclass
class ReportRow:
    code: str
    name: str
    groups_registered: int = 0
    groups_with_published_product: int = 0
    groups_with_sale: int = 0
    groups_with_partnership: int = 0
    orders: int = 0
    gmv: int = 0
    fulfillments: int = 0
    rejected: int = 0
    median_accept_hours: float | None = None
    median_ship_hours: float | None = None

    @property
    def aov(self) -> int:
        return round(self.gmv / self.orders) if self.orders else 0

    @property
    def rejection_rate(self) -> float | None:
        return self.rejected / self.fulfillments if self.fulfillments else None

    @property
    def partnership_share(self) -> float | None:
        if not self.groups_registered:
            return None
        return self.groups_with_partnership / self.groups_registered


@dataclass
class Report:
    start: date
    end: date  # inclusive, as chosen
    province: Province | None
    rows: list[ReportRow]
    total: ReportRow
    months: list[dict] = field(default_factory=list)
    top_products: list[dict] = field(default_factory=list)
    top_groups: list[dict] = field(default_factory=list)

    @property
    def level(self) -> str:
        return "regency" if self.province else "province"


def build_report(*, start: date, end: date, province_code: str | None = None) -> Report:
    """The figures for ``start``..``end`` (inclusive), by province or within one province."""
    since, until = _bounds(start, end)
    province = Province.objects.get(pk=province_code) if province_code else None
    group_key = "regency_id" if province else "regency__province_id"

    groups = UppksGroup.objects.all()
    if province:
        groups = groups.filter(regency__province_id=province.code)
        regions = Regency.objects.filter(province=province).order_by("name")
    else:
        regions = Province.objects.order_by("name")
    rows = {region.code: ReportRow(code=region.code, name=region.name) for region in regions}
    total = ReportRow(code="", name="")

    with transaction.atomic():
        if connection.vendor == "postgresql":
            sql.tune_transaction()
        _count_groups(rows, total, _group_counts(groups, since, until), group_key)
        report = Report(
            start=start, end=end, province=province, rows=list(rows.values()), total=total
        )
        if connection.vendor == "postgresql":
            return _sales_from_postgresql(report, rows, since, until)
        return _sales_from_orm(report, rows, since, until)


def _count_groups(rows: dict, total: ReportRow, group_counts, group_key: str) -> None:
    """Per-region group counts in one query; the total is their sum (one row per region).

    Every group has exactly one regency, so it falls in exactly one row. A second query for
    the total cost up to 0.7 s on a short period: its ``EXISTS`` for a sale then reads every
    fulfilment of the groups that sold nothing.
    """
    for item in group_counts.values(group_key).annotate(**_group_aggregates()):
        _fill(rows.get(item[group_key]), item)
        for key, value in item.items():
            if key != group_key:
                setattr(total, key, getattr(total, key) + value)


def _sales_from_postgresql(report: Report, rows: dict, since, until) -> Report:
    """Two GROUPING SETS statements (see ``reports.sql``)."""
    code = report.province.code if report.province else None
    found = sql.sales(since, until, code)
    for region, values in found["region"].items():
        _fill(rows.get(region), values)
    _fill(report.total, found["total"])
    for region, values in sql.fulfillments(since, until, code).items():
        _fill(report.total if region == "" else rows.get(region), values)
    report.months = found["month"]
    report.top_products = sql.top_products(found["product"])
    report.top_groups = sql.top_groups(found["group"])
    return report


def _sales_from_orm(report: Report, rows: dict, since, until) -> Report:
    """Portable (SQLite, the embedded demo): one query per figure, medians in Python."""
    lines = _paid_lines(since, until)
    fulfillments = _paid_fulfillments(since, until)
    prefix = "group__regency_id" if report.province else "group__regency__province_id"
    if report.province:
        lines = lines.filter(group__regency__province_id=report.province.code)
        fulfillments = fulfillments.filter(group__regency__province_id=report.province.code)
    for item in lines.values(prefix).annotate(**_line_aggregates()):
        _fill(rows.get(item[prefix]), item)
    _fill(report.total, lines.aggregate(**_line_aggregates()))
    for item in fulfillments.values(prefix).annotate(**_fulfillment_aggregates()):
        _fill(rows.get(item[prefix]), item)
    _fill(report.total, fulfillments.aggregate(**_fulfillment_aggregates()))
    if connection.vendor != "postgresql":
        _medians_in_python(rows, report.total, fulfillments, prefix)
    report.months = _months(lines)
    report.top_products = _top(
        lines.filter(variant__isnull=False),
        ("variant__product_id",),
        name=Max("variant__product__name"),
    )
    report.top_groups = _top(lines, ("group_id", "group__name", "group__regency__name"))
    return report


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), zone)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone)
    return since, until


def _group_counts(groups, since, until):
    published = Product.objects.filter(group=OuterRef("pk"), status=ProductStatus.APPROVED)
    sold = _paid_fulfillments(since, until).filter(group=OuterRef("pk"))
    sold = sold.exclude(status=FulfillmentStatus.REJECTED)
    partnered = Partnership.objects.filter(group=OuterRef("pk"), is_active=True).filter(
        Q(since__isnull=True) | Q(since__lt=until.date())
    )
    return (
        groups.filter(is_active=True, created_at__lt=until)
        .annotate(
            has_published=Exists(published), has_sale=Exists(sold), has_partner=Exists(partnered)
        )
        .order_by()
    )


def _group_aggregates() -> dict:
    return {
        "groups_registered": Count("pk"),
        "groups_with_published_product": Count("pk", filter=Q(has_published=True)),
        "groups_with_sale": Count("pk", filter=Q(has_sale=True)),
        "groups_with_partnership": Count("pk", filter=Q(has_partner=True)),
    }


def _paid_lines(since, until):
    return OrderLine.objects.filter(
        order__paid_at__gte=since, order__paid_at__lt=until, is_canceled=False
    ).exclude(order__status=OrderStatus.CANCELED)


def _paid_fulfillments(since, until):
    return Fulfillment.objects.filter(order__paid_at__gte=since, order__paid_at__lt=until).exclude(
        Q(order__status=OrderStatus.CANCELED) | Q(status=FulfillmentStatus.CANCELED)
    )


def _line_aggregates() -> dict:
    return {"orders": Count("order_id", distinct=True), "gmv": Sum("total_price")}


def _fulfillment_aggregates() -> dict:
    aggregates = {
        "fulfillments": Count("pk"),
        "rejected": Count("pk", filter=Q(status=FulfillmentStatus.REJECTED)),
    }
    if connection.vendor == "postgresql":
        aggregates["median_accept_seconds"] = Median(Seconds(_since_paid("accepted_at")))
        aggregates["median_ship_seconds"] = Median(Seconds(_since_paid("shipped_at")))
    return aggregates


def _since_paid(name: str):
    return ExpressionWrapper(F(name) - F("order__paid_at"), output_field=DurationField())


def _fill(row: ReportRow | None, item: dict) -> None:
    if row is None:
        return
    for key, value in item.items():
        if key.startswith("median_"):
            hours_key = key.replace("_seconds", "_hours")
            setattr(row, hours_key, None if value is None else round(value / 3600, 1))
        elif hasattr(row, key) and key not in ("code", "name"):
            setattr(row, key, value or 0)


def _medians_in_python(rows, total, fulfillments, prefix) -> None:
    """SQLite (the embedded demo) has no percentile function: medians over fetched durations."""
    values = fulfillments.values_list(prefix, "order__paid_at", "accepted_at", "shipped_at")
    collected: dict[str, tuple[list, list]] = {}
    for code, paid, accepted, shipped in values:
        for key in (code, ""):
            accept, ship = collected.setdefault(key, ([], []))
            if accepted:
                accept.append((accepted - paid).total_seconds())
            if shipped:
                ship.append((shipped - paid).total_seconds())
    for key, (accept, ship) in collected.items():
        row = total if key == "" else rows.get(key)
        _fill(row, {"median_accept_seconds": _median(accept), "median_ship_seconds": _median(ship)})


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _months(lines) -> list[dict]:
    monthly = (
        lines.annotate(month=TruncMonth("order__paid_at"))
        .values("month")
        .annotate(orders=Count("order_id", distinct=True), gmv=Sum("total_price"))
        .order_by("month")
    )
    return [
        {"month": item["month"].date(), "orders": item["orders"], "gmv": item["gmv"] or 0}
        for item in monthly
    ]


def _top(lines, keys: tuple[str, ...], **extra) -> list[dict]:
    top = (
        lines.values(*keys)
        .annotate(
            **extra,
            gmv=Sum("total_price"),
            quantity=Sum("quantity"),
            orders=Count("order_id", distinct=True),
        )
        .order_by("-gmv", *keys)[: settings.REPORT_TOP_LIMIT]
    )
    return list(top)
