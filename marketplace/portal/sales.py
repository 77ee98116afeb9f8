"""A group's sales in the current calendar month (Western Indonesia time).

The figures are the totals of the group's monthly statement for this month (the settlement
ledger), so the portal's sales page and the statement under "Keuangan" always agree: goods sales
and shipping are shown apart, commission is taken off the goods only, and refunds or rejected
shipments posted this month are already taken off.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from marketplace.settlement.statements import monthly_statement


@dataclass(frozen=True)
class MonthSales:
    start: datetime
    orders: int
    items: int
    goods: int
    shipping: int
    commission: int
    share: int


def month_start(now: datetime | None = None) -> datetime:
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def sales_this_month(group, *, now: datetime | None = None) -> MonthSales:
    """This month's statement totals for the group, as the sales page shows them."""
    start = month_start(now)
    statement = monthly_statement(group, start.date())
    totals = statement.totals
    return MonthSales(
        start=start,
        orders=statement.paid_orders,
        items=totals["quantity"],
        goods=totals["goods"],
        shipping=totals["shipping"],
        commission=totals["commission"],
        share=totals["share"],
    )
