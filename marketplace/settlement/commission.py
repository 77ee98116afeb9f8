"""The marketplace's commission on a sale; fixed on the order line when the order is placed.

The percentage is the group's override when it has one (0 % is allowed, for programmes BKKBN
subsidises), else the rate of the product's category or its nearest ancestor that has one,
else ``MARKETPLACE_DEFAULT_COMMISSION_PERCENT``. Changing a rate never touches existing order
lines: they carry their own ``commission_percent``.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.catalog.models import Category
from marketplace.core import audit
from marketplace.groups.models import UppksGroup

from .errors import SettlementError, SettlementErrorCode
from .models import CategoryCommission, GroupCommission

HUNDRED = Decimal("100")
TWO_PLACES = Decimal("0.01")


def commission_percent(product, group) -> Decimal:
    """Percent of the line total the marketplace keeps (per category, overridden per group)."""
    return commission_percents([(product, group)])[0]


def commission_percents(lines: Iterable[tuple]) -> list[Decimal]:
    """``commission_percent`` for many (product, group) pairs in three queries, not per line."""
    lines = list(lines)
    overrides = dict(
        GroupCommission.objects.filter(
            group_id__in={group.pk for _product, group in lines}
        ).values_list("group_id", "percent")
    )
    rates = dict(CategoryCommission.objects.values_list("category_id", "percent"))
    parents = dict(Category.objects.values_list("pk", "parent_id")) if rates else {}
    default = Decimal(settings.MARKETPLACE_DEFAULT_COMMISSION_PERCENT).quantize(TWO_PLACES)
    percents = []
    for product, group in lines:
        if group.pk in overrides:
            percents.append(overrides[group.pk])
            continue
        rate = _category_rate(product.category_id, rates, parents)
        percents.append(default if rate is None else rate)
    return percents


def _category_rate(category_id, rates: dict, parents: dict) -> Decimal | None:
    """The rate of the category or its nearest ancestor that has one."""
    seen = set()
    while category_id is not None and category_id not in seen:
        if category_id in rates:
            return rates[category_id]
        seen.add(category_id)
        category_id = parents.get(category_id)
    return None


def commission_amount(total_price: int, percent: Decimal) -> int:
    """Whole rupiah kept from ``total_price``, rounded half up."""
    return int((Decimal(total_price) * Decimal(percent) / HUNDRED).quantize(0, ROUND_HALF_UP))


def clean_percent(value) -> Decimal:
    """Accept 0 … 100 with at most two decimals; anything else is a clear error."""
    try:
        percent = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        percent = None
    if percent is None or not percent.is_finite():
        raise SettlementError(
            SettlementErrorCode.COMMISSION_OUT_OF_RANGE,
            _("The commission must be a number between 0 and 100 percent."),
            field="percent",
        )
    if percent < 0 or percent > HUNDRED:
        raise SettlementError(
            SettlementErrorCode.COMMISSION_OUT_OF_RANGE,
            _("The commission must be between 0 and 100 percent (got %(value)s).")
            % {"value": percent},
            field="percent",
        )
    if percent != percent.quantize(TWO_PLACES):
        raise SettlementError(
            SettlementErrorCode.COMMISSION_OUT_OF_RANGE,
            _("The commission may have at most two decimals."),
            field="percent",
        )
    return percent.quantize(TWO_PLACES)


def set_category_commission(category_id: int, *, percent, actor) -> CategoryCommission:
    """Set a category's rate; only future order lines use it."""
    percent = clean_percent(percent)
    with transaction.atomic():
        category = Category.objects.get(pk=category_id)
        rate, created = CategoryCommission.objects.select_for_update().get_or_create(
            category=category, defaults={"percent": percent}
        )
        old = None if created else rate.percent
        if not created and rate.percent != percent:
            rate.percent = percent
            rate.save(update_fields=["percent", "updated_at"])
        audit.record(actor, rate, "commission_set", {"percent": [_str(old), str(percent)]})
    return rate


def set_group_commission(group_id: int, *, percent, actor, reason: str = "") -> GroupCommission:
    """Give a group its own rate (0 % allowed); only future order lines use it."""
    percent = clean_percent(percent)
    with transaction.atomic():
        group = UppksGroup.objects.select_related("regency").get(pk=group_id)
        rate, created = GroupCommission.objects.select_for_update().get_or_create(
            group=group, defaults={"percent": percent, "reason": reason[:255]}
        )
        old = None if created else rate.percent
        if not created:
            rate.percent = percent
            rate.reason = reason[:255]
            rate.save(update_fields=["percent", "reason", "updated_at"])
        audit.record(
            actor,
            rate,
            "commission_set",
            {"percent": [_str(old), str(percent)]},
            province_code=group.province_code,
        )
    return rate


def clear_group_commission(group_id: int, *, actor) -> None:
    """Remove a group's override; its future lines use the category rate again."""
    with transaction.atomic():
        rate = GroupCommission.objects.select_for_update().filter(group_id=group_id).first()
        if rate is None:
            return
        audit.record(actor, rate, "commission_cleared", {"percent": [str(rate.percent), None]})
        rate.delete()


def _str(value) -> str | None:
    return None if value is None else str(value)
