"""Refunds requested by other domains (staff cancel, a group's rejected shipment).

``request_refund`` writes pending refunds in the caller's transaction and schedules the provider
call after commit; ``perform_refund`` (a Celery task's body) calls the provider with the refund's
own idempotency key, so a retried task never refunds twice. Over-refunds are refused here, before
any provider sees them (localstripe, unlike Stripe, would accept them).

The unique code of a bank transfer (``TransactionItem.unique_code``, paid on top of the order
total) goes back to the customer only with a refund of everything left of the order:

- a refund smaller than what is left of the order's own money (goods and shipping) is a partial
  refund and returns no code;
- a refund of exactly what is left of the order, with or without the code, is the whole rest:
  it returns the code too, so the customer gets back every rupiah still held for the order;
- any amount between those two, or above the whole rest, is refused.

``Refund.unique_code`` records the code part, so the order's ``total_refunded`` (like its
``total_charged``) counts only the order's own money and settlement debits the code from the
platform's unique-code account, never from a group.
"""

import logging
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from marketplace.core.money import format_rupiah

from .errors import PaymentError, PaymentErrorCode
from .gateways.midtrans import CHANNELS
from .gateways.xendit_gateway import CHANNELS as XENDIT_CHANNELS
from .locks import locked_order, locked_transactions
from .models import (
    OPEN_REFUND_STATUSES,
    Refund,
    RefundStatus,
    TransactionEventType,
    TransactionGateway,
    TransactionItem,
    TransactionStatus,
)
from .records import add_event, flag_for_staff
from .tasks import perform_refund_task

VA_CHANNELS = frozenset(
    c
    for channels in (CHANNELS, XENDIT_CHANNELS)
    for c, kind in channels.items()
    if kind == "virtual_account"
)
VA_GATEWAYS = (TransactionGateway.MIDTRANS, TransactionGateway.XENDIT)
# cash paid at a store's till: Midtrans refunds none of it
CSTORE_CHANNELS = frozenset(c for c, kind in CHANNELS.items() if kind == "cstore")

logger = logging.getLogger("marketplace.payments")


@dataclass(frozen=True)
class Refundable:
    """What can still go back: the order's own money and the unique code not yet returned."""

    order: int = 0  # goods and shipping, neither refunded nor being refunded
    code: int = 0  # a bank transfer's unique code, neither returned nor being returned

    @property
    def total(self) -> int:
        """The whole rest: the most that can be refunded, code included."""
        return self.order + self.code

    @property
    def partial_limit(self) -> int:
        """The largest refund that is not the whole rest (it leaves the code)."""
        return self.order - 1 if self.code else self.order

    def __add__(self, other: "Refundable") -> "Refundable":
        return Refundable(self.order + other.order, self.code + other.code)


def _left_on(transactions: list[TransactionItem]) -> dict[int, Refundable]:
    """Per charged transaction: what is left of its order money and of its unique code."""
    rows = (
        Refund.objects.filter(transaction__in=transactions)
        .values("transaction_id")
        .annotate(
            open_amount=Sum("amount", filter=Q(status__in=OPEN_REFUND_STATUSES), default=0),
            codes=Sum(
                "unique_code",
                filter=Q(status__in=[*OPEN_REFUND_STATUSES, RefundStatus.SUCCEEDED]),
                default=0,
            ),
        )
    )
    used = {row["transaction_id"]: row for row in rows}
    left = {}
    for txn in transactions:
        row = used.get(txn.pk, {"open_amount": 0, "codes": 0})
        code = max(txn.unique_code - row["codes"], 0)
        available = max(txn.charged_value - row["open_amount"], 0)
        left[txn.pk] = Refundable(order=max(available - code, 0), code=min(code, available))
    return left


def refundable(order_id: int) -> Refundable:
    """What the order's charged transactions still hold, split into order money and code."""
    transactions = list(
        TransactionItem.objects.filter(order_id=order_id, status=TransactionStatus.CHARGED)
    )
    return sum(_left_on(transactions).values(), Refundable())


def refundable_amount(order_id: int) -> int:
    """Money charged on the order's transactions and not yet refunded or being refunded."""
    return refundable(order_id).total


def request_refund(
    order_id: int, *, amount: int, reason: str, fulfillment_id: int | None = None
) -> list[Refund]:
    """Write a pending refund in the caller's transaction; the provider is called after commit.

    ``amount`` 0 means there is nothing to give back (an unpaid order) and writes nothing.
    ``amount`` equal to what is left of the order (see the module's rule) returns the bank
    transfer's unique code with it, so the refund written is larger than ``amount`` by the code.
    Card refunds go to Stripe; bank-transfer refunds wait for staff to transfer the money back.
    """
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise PaymentError(
            PaymentErrorCode.INVALID_AMOUNT, _("Invalid refund amount."), field="amount"
        )
    if amount == 0:
        return []
    with transaction.atomic():
        order = locked_order(order_id)
        transactions = locked_transactions(order_id=order_id, status=TransactionStatus.CHARGED)
        left = _left_on(transactions)
        whole = _is_whole_rest(order, amount, sum(left.values(), Refundable()))
        refunds = []
        goods = sum(part.order for part in left.values()) if whole else amount
        for txn in transactions:
            share = min(goods, left[txn.pk].order)
            code = left[txn.pk].code if whole else 0
            if share + code <= 0:
                continue
            refunds.append(
                _write_refund(
                    txn, share, unique_code=code, reason=reason, fulfillment_id=fulfillment_id
                )
            )
            goods -= share
    return refunds


def _is_whole_rest(order, amount: int, left: Refundable) -> bool:
    """Whether ``amount`` refunds the whole rest (code included); refuse what cannot go back."""
    if amount > left.total:
        logger.warning(
            "refund of %s for order #%s refused: only %s can be refunded",
            amount,
            order.number,
            left.total,
        )
        if left.code:
            message = _(
                "Cannot refund %(amount)s: only %(available)s was paid and not yet refunded, "
                "including the unique code %(code)s."
            )
        else:
            message = _(
                "Cannot refund %(amount)s: only %(available)s was paid and not yet refunded."
            )
        raise PaymentError(
            PaymentErrorCode.OVER_REFUND,
            message
            % {
                "amount": format_rupiah(amount),
                "available": format_rupiah(left.total),
                "code": format_rupiah(left.code),
            },
            field="amount",
        )
    if not left.code or amount < left.order:
        return False
    if amount in (left.order, left.total):
        return True
    logger.warning(
        "refund of %s for order #%s refused: the unique code %s goes back only with %s",
        amount,
        order.number,
        left.code,
        left.total,
    )
    raise PaymentError(
        PaymentErrorCode.OVER_REFUND,
        _(
            "Cannot refund %(amount)s: the unique code %(code)s goes back only with everything "
            "left of the order, %(total)s. Refund at most %(partial)s, or exactly %(total)s."
        )
        % {
            "amount": format_rupiah(amount),
            "code": format_rupiah(left.code),
            "total": format_rupiah(left.total),
            "partial": format_rupiah(left.partial_limit),
        },
        field="amount",
    )


def refunds_through_gateway(txn: TransactionItem) -> bool:
    """Card, QRIS and e-wallet money goes back through the provider (Stripe, Midtrans,
    Xendit); a bank transfer, a virtual account (neither Midtrans nor Xendit refunds one) and
    cash collected at the door go back by a staff transfer."""
    if txn.gateway in (TransactionGateway.BANK_TRANSFER, TransactionGateway.COD):
        return False
    if txn.gateway == TransactionGateway.MIDTRANS and txn.channel in CSTORE_CHANNELS:
        return False
    return not (txn.gateway in VA_GATEWAYS and txn.channel in VA_CHANNELS)


def _write_refund(
    txn: TransactionItem, order_money: int, *, unique_code: int, reason: str, fulfillment_id
) -> Refund:
    manual = not refunds_through_gateway(txn)
    amount = order_money + unique_code
    refund = Refund.objects.create(
        order_id=txn.order_id,
        transaction=txn,
        fulfillment_id=fulfillment_id,
        amount=amount,
        unique_code=unique_code,
        reason=reason or "-",
        status=RefundStatus.MANUAL if manual else RefundStatus.PENDING,
    )
    add_event(txn, TransactionEventType.REFUND_REQUEST, amount=amount, message=reason)
    if manual:
        flag_for_staff(
            txn,
            _("Transfer %(amount)s back to the customer (refund %(id)s).")
            % {"amount": format_rupiah(amount), "id": refund.pk},
        )
    else:
        transaction.on_commit(partial(perform_refund_task.delay, refund.pk))
    logger.info("refund %s of %s requested for order id %s", refund.pk, amount, txn.order_id)
    return refund
