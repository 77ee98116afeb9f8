"""The sales and fulfilment figures in two PostgreSQL statements (GROUPING SETS).

The ORM path in ``queries`` scans order lines five times (per region, total, month, product,
group) and fulfilments twice; on 200,000 orders each scan with its joins costs most of the
report's time. Here one scan of the lines feeds every grouping at once, and one scan of the
fulfilments gives the per-region and total counts and medians. Table names come from the models.

Three details keep the two statements cheap (measured in docs/PERFORMANCE.md, "Staff reports"):
JIT is off for the transaction (compiling the expressions cost more than it saved); the region
key is sorted with the "C" collation (byte order instead of the locale's rules; the order of the
rows does not matter); and the national total comes from the months, since every order is paid
in exactly one month, instead of one more ``COUNT(DISTINCT)`` over every line.
"""

from datetime import datetime

from django.conf import settings
from django.db import connection

from marketplace.catalog.models import Product, ProductVariant
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
        ELSE 'product'
    END AS kind,
    region, month, group_id, product_id,
    COUNT(DISTINCT order_id), SUM(total_price), SUM(quantity)
FROM (
    SELECT
        {region} AS region,
        DATE_TRUNC('month', o.paid_at AT TIME ZONE %(zone)s)::date AS month,
        l.group_id, v.product_id, l.order_id, l.total_price, l.quantity
    FROM {line} l
    JOIN {order} o ON o.id = l.order_id
    JOIN {grp} g ON g.id = l.group_id
    JOIN {regency} rg ON rg.code = g.regency_id
    LEFT JOIN {variant} v ON v.id = l.variant_id
    WHERE NOT l.is_canceled AND o.paid_at >= %(since)s AND o.paid_at < %(until)s
      AND o.status <> %(canceled)s {province_filter}
) AS sale
GROUP BY GROUPING SETS (
    (region), (month), (group_id), (product_id)
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


def tune_transaction() -> None:
    """Raise ``work_mem`` and turn JIT off for the rest of the current transaction only.

    JIT compiles these statements' expressions on every run (their cost is above
    ``jit_above_cost``); on 200,000 orders that took more time than it saved.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute("SET LOCAL jit = off")


def _statement(template: str, province_code: str | None) -> str:
    return template.format(
        region='g.regency_id COLLATE "C"' if province_code else 'rg.province_id COLLATE "C"',
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
    """Per region, total, month, group and product from one pass over the period's lines.

    Narrow rows sort fastest: names are looked up afterwards for the few top sellers only.
    """
    result = {
        "region": {},
        "total": {"orders": 0, "gmv": 0},
        "month": [],
        "group": [],
        "product": [],
    }
    with connection.cursor() as cursor:
        cursor.execute(_statement(SALES, province_code), _params(since, until, province_code))
        for kind, region, month, group_id, product_id, orders, gmv, quantity in cursor.fetchall():
            values = {"orders": orders, "gmv": int(gmv or 0), "quantity": int(quantity or 0)}
            if kind == "region":
                result["region"][region] = values
            elif kind == "month":
                result["month"].append({"month": month, "orders": orders, "gmv": values["gmv"]})
                result["total"]["orders"] += orders
                result["total"]["gmv"] += values["gmv"]
            elif kind == "group":
                result["group"].append({"group_id": group_id, **values})
            elif product_id is not None:
                result["product"].append({"variant__product_id": product_id, **values})
    result["month"].sort(key=lambda item: item["month"])
    return result


def top_groups(items: list[dict]) -> list[dict]:
    ranked = top(items, ("group_id",))
    names = {
        pk: (name, regency)
        for pk, name, regency in UppksGroup.objects.filter(
            pk__in=[item["group_id"] for item in ranked]
        ).values_list("pk", "name", "regency__name")
    }
    return [
        {
            "group_id": item["group_id"],
            "group__name": names[item["group_id"]][0],
            "group__regency__name": names[item["group_id"]][1],
            "gmv": item["gmv"],
            "quantity": item["quantity"],
            "orders": item["orders"],
        }
        for item in ranked
    ]


def top_products(items: list[dict]) -> list[dict]:
    ranked = top(items, ("variant__product_id",))
    names = dict(
        Product.objects.filter(pk__in=[item["variant__product_id"] for item in ranked]).values_list(
            "pk", "name"
        )
    )
    return [
        {
            "variant__product_id": item["variant__product_id"],
            "name": names.get(item["variant__product_id"], ""),
            "gmv": item["gmv"],
            "quantity": item["quantity"],
            "orders": item["orders"],
        }
        for item in ranked
    ]


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
    ranked = sorted(items, key=lambda item: (-item["gmv"], *(item[k] for k in keys)))
    return ranked[: settings.REPORT_TOP_LIMIT]
