"""Settlement data: paid orders spread over groups, approved payout accounts, ledger read-outs."""

from decimal import Decimal

import factory
from django.db.models import Sum
from django.utils import timezone

from marketplace.orders.models import Fulfillment, FulfillmentStatus, OrderLine, RoutingReason
from marketplace.settlement.models import (
    AccountKind,
    LedgerAccount,
    PayoutAccount,
    PayoutAccountRequest,
)

from .groups import UppksGroupFactory
from .orders import OrderFactory


class PayoutAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayoutAccount

    group = factory.SubFactory(UppksGroupFactory)
    bank_code = "002"
    account_number = factory.Sequence(lambda n: f"{123400000000000 + n:015d}")
    holder_name = factory.LazyAttribute(lambda account: f"Bendahara {account.group.name}")
    approved_at = factory.LazyFunction(timezone.now)


class PayoutAccountRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayoutAccountRequest

    group = factory.SubFactory(UppksGroupFactory)
    bank_code = "014"
    account_number = "1234567890"
    holder_name = "Ni Made Sari"


def paid_order(shares: dict, *, shipping: int = 9_000, percent: Decimal | str = "10", **kwargs):
    """A paid order with one fulfilment per group: ``{group: [line total, …]}``.

    Lines carry ``commission_percent=percent``; each fulfilment charges ``shipping``.
    """
    order = OrderFactory(paid=True, **kwargs)
    subtotal = 0
    for group, totals in shares.items():
        Fulfillment.objects.create(
            order=order, group=group, status=FulfillmentStatus.NEW, shipping_price=shipping
        )
        for index, total in enumerate(totals):
            OrderLine.objects.create(
                order=order,
                product_name=f"Produk {group.code} {index}",
                sku=f"SKU-{order.number}-{group.pk}-{index}",
                quantity=1,
                unit_price=total,
                total_price=total,
                group=group,
                routing_reason=RoutingReason.OWN_GROUP,
                commission_percent=Decimal(str(percent)),
            )
            subtotal += total
    order.subtotal = subtotal
    order.shipping_total = shipping * len(shares)
    order.total = order.total_charged = subtotal + order.shipping_total
    order.save()
    return order


def balance(group, kind: str) -> int:
    """A group account's balance as people read it (positive on its normal side)."""
    account = LedgerAccount.objects.filter(group=group, kind=kind).first()
    return account.normal_balance if account else 0


def balances(group) -> dict[str, int]:
    return {
        kind: balance(group, kind)
        for kind in (
            AccountKind.PENDING,
            AccountKind.PAYABLE,
            AccountKind.IN_TRANSFER,
            AccountKind.PAID,
            AccountKind.RECOVERABLE,
        )
    }


def system_balance(kind: str) -> int:
    """Commission (credit-normal) or clearing (debit-normal) as a positive figure."""
    total = LedgerAccount.objects.filter(group__isnull=True, kind=kind).aggregate(
        total=Sum("entries__amount")
    )["total"]
    total = total or 0
    return -total if kind == AccountKind.CLEARING else total
