"""A group's sales in one calendar month (Western Indonesia time)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from marketplace.orders.models import OrderLine, OrderStatus


@dataclass(frozen=True)
class MonthSales:
    start: datetime
    orders: int
    items: int
    gross: int
    commission: int

    @property
    def net(self) -> int:
        return self.gross - self.commission


def month_start(now: datetime | None = None) -> datetime:
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def sales_this_month(group, *, now: datetime | None = None) -> MonthSales:
    """Paid, not canceled lines routed to the group, in orders paid since the 1st."""
    start = month_start(now)
    lines = OrderLine.objects.filter(
        group=group, is_canceled=False, order__paid_at__gte=start
    ).exclude(order__status=OrderStatus.CANCELED)
    rows = list(lines.values_list("order_id", "quantity", "total_price", "commission_percent"))
    commission = sum(
        (Decimal(total) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        for _order, _quantity, total, percent in rows
    )
    return MonthSales(
        start=start,
        orders=len({row[0] for row in rows}),
        items=sum(row[1] for row in rows),
        gross=sum(row[2] for row in rows),
        commission=int(commission),
    )
