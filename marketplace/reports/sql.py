"""The sales and fulfilment figures in two PostgreSQL statements (GROUPING SETS).

The ORM path in ``queries`` scans order lines five times (per region, total, month, product,
group) and fulfilments twice; on 200,000 orders each scan with its joins costs most of the
report's time. Here one scan of the lines feeds every grouping at once, and one scan of the
fulfilments gives the per-region and total counts and medians. Table names come from the models.
"""

from datetime import datetime

from django.conf import settings
from django.db import connection

from marketplace.catalog.models import ProductVariant
from marketplace.groups.models import UppksGroup
from marketplace.orders.models import (
    Fulfillment,
    FulfillmentStatus,
    Order,
    OrderLine,
    OrderStatus,
)
from marketplace.regions.models import Regency

TABLES = {
    "line": OrderLine._meta.db_table,
    "order": Order._meta.db_table,
    "fulfillment": Fulfillment._meta.db_table,
    "grp": UppksGroup._meta.db_table,
    "regency": Regency._meta.db_table,
    "variant": ProductVariant._meta.db_table,
}

SALES = """
SELECT
    CASE
        WHEN GROUPING(region) = 0 THEN 'region'
        WHEN GROUPING(month) = 0 THEN 'month'
        WHEN GROUPING(group_id) = 0 THEN 'group'
        WHEN GROUPING(product_id) = 0 THEN 'product'
        ELSE 'total'
    END AS kind,
    region, month, group_id, group_name, regency_name, product_id,
    COUNT(DISTINCT order_id), SUM(total_price), SUM(quantity), MAX(product_name)
FROM (
    SELECT
        {region} AS region,
        DATE_TRUNC('month', o.paid_at AT TIME ZONE %(zone)s)::date AS month,
        l.group_id, g.name AS group_name, rg.name AS regency_name, v.product_id,
        l.order_id, l.total_price, l.quantity, l.product_name
    FROM {line} l
    JOIN {order} o ON o.id = l.order_id
    JOIN {grp} g ON g.id = l.group_id
    JOIN {regency} rg ON rg.code = g.regency_id
    LEFT JOIN {variant} v ON v.id = l.variant_id
    WHERE NOT l.is_canceled AND o.paid_at >= %(since)s AND o.paid_at < %(until)s
      AND o.status <> %(canceled)s {province_filter}
) AS sale
GROUP BY GROUPING SETS (
    (region), (), (month), (group_id, group_name, regency_name), (product_id)
)
"""

FULFILLMENTS = """
SELECT
    GROUPING(region) AS is_total, region, COUNT(*),
    COUNT(*) FILTER (WHERE status = %(rejected)s),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY accept_seconds),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ship_seconds)
FROM (
    SELECT
        {region} AS region, f.status,
        EXTRACT(EPOCH FROM f.accepted_at - o.paid_at) AS accept_seconds,
        EXTRACT(EPOCH FROM f.shipped_at - o.paid_at) AS ship_seconds
    FROM {fulfillment} f
    JOIN {order} o ON o.id = f.order_id
    JOIN {grp} g ON g.id = f.group_id
    JOIN {regency} rg ON rg.code = g.regency_id
    WHERE o.paid_at >= %(since)s AND o.paid_at < %(until)s
      AND o.status <> %(canceled)s AND f.status <> %(fulfillment_canceled)s {province_filter}
) AS shipment
GROUP BY GROUPING SETS ((region), ())
"""


# Sorting 260,000 lines for COUNT(DISTINCT) spills to disk at PostgreSQL's default 4 MB.
WORK_MEM = "64MB"


def give_memory() -> None:
    """Raise ``work_mem`` for the rest of the current transaction only."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")


def _statement(template: str, province_code: str | None) -> str:
    return template.format(
        region="g.regency_id" if province_code else "rg.province_id",
        province_filter="AND rg.province_id = %(province)s" if province_code else "",
        **TABLES,
    )


def _params(since: datetime, until: datetime, province_code: str | None) -> dict:
    return {
        "since": since,
        "until": until,
        "province": province_code,
        "zone": settings.TIME_ZONE,
        "canceled": OrderStatus.CANCELED,
        "rejected": FulfillmentStatus.REJECTED,
        "fulfillment_canceled": FulfillmentStatus.CANCELED,
    }


def sales(since: datetime, until: datetime, province_code: str | None) -> dict:
    """``{"region": {code: {...}}, "total": {...}, "months": [...], "groups": [...],
    "products": [...]}`` from one pass over the period's order lines."""
    result = {
        "region": {},
        "total": {"orders": 0, "gmv": 0},
        "month": [],
        "group": [],
        "product": [],
    }
    with connection.cursor() as cursor:
        cursor.execute(_statement(SALES, province_code), _params(since, until, province_code))
        for (
            kind,
            region,
            month,
            group_id,
            group_name,
            regency_name,
            product_id,
            *figures,
        ) in cursor.fetchall():
            orders, gmv, quantity, product_name = figures
            values = {"orders": orders, "gmv": int(gmv or 0)}
            if kind == "region":
                result["region"][region] = values
            elif kind == "total":
                result["total"] = values
            elif kind == "month":
                result["month"].append({"month": month, **values})
            elif kind == "group":
                result["group"].append(
                    {
                        "group_id": group_id,
                        "group__name": group_name,
                        "group__regency__name": regency_name,
                        "quantity": int(quantity),
                        **values,
                    }
                )
            else:
                result["product"].append(
                    {
                        "variant__product_id": product_id,
                        "name": product_name,
                        "quantity": int(quantity),
                        **values,
                    }
                )
    result["month"].sort(key=lambda item: item["month"])
    return result


def fulfillments(since: datetime, until: datetime, province_code: str | None) -> dict:
    """``{region code or "": {fulfillments, rejected, median_*_seconds}}`` in one pass."""
    result = {}
    with connection.cursor() as cursor:
        statement = _statement(FULFILLMENTS, province_code)
        cursor.execute(statement, _params(since, until, province_code))
        for is_total, region, count, rejected, accept, ship in cursor.fetchall():
            result["" if is_total else region] = {
                "fulfillments": count,
                "rejected": rejected,
                "median_accept_seconds": accept,
                "median_ship_seconds": ship,
            }
    return result


def top(items: list[dict], keys: tuple[str, ...]) -> list[dict]:
    """The best sellers by GMV (ties by key), from the already aggregated rows."""
    ranked = sorted(items, key=lambda item: (-item["gmv"], *(str(item[k]) for k in keys)))
    return ranked[: settings.REPORT_TOP_LIMIT]
