"""Purchase orders in the settlement ledger (issue 18).

- Invoice issued (a PO on credit): the partner receivable is debited the total; each group's
  pending is credited its lines less commission, the commission account the commission.
- Invoice paid: clearing (the bank) is debited, the receivable credited; every group's share
  moves from pending to payable — unless ``PARTNER_ADVANCE_ON_DELIVERY`` released it already when
  the group delivered (the platform then carries the partner's credit risk: see
  docs/ARCHITECTURE.md).
Each posting has its own idempotency key, so a replay changes nothing.
"""

from collections import defaultdict

from django.conf import settings
from django.db import transaction

from marketplace.settlement.commission import commission_amount, commission_percents
from marketplace.settlement.ledger import Leg, is_posted, locked_group_accounts, post
from marketplace.settlement.models import AccountKind, TransactionKind

from .models import PurchaseOrder


def invoice_key(order_id: int) -> str:
    return f"partner_invoice:{order_id}"


def invoice_paid_key(order_id: int) -> str:
    return f"partner_invoice_paid:{order_id}"


def release_key(order_id: int, group_id: int) -> str:
    return f"partner_release:{order_id}:{group_id}"


def group_shares(order: PurchaseOrder) -> dict[int, tuple[int, int]]:
    """``{group_id: (share for the group, commission)}`` of the PO's lines."""
    lines = list(order.lines.select_related("variant__product", "group"))
    percents = commission_percents([(line.variant.product, line.group) for line in lines])
    shares: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for line, percent in zip(lines, percents, strict=True):
        commission = commission_amount(line.total, percent)
        shares[line.group_id][0] += line.total - commission
        shares[line.group_id][1] += commission
    return {group_id: (share, commission) for group_id, (share, commission) in shares.items()}


def post_invoice_issued(order: PurchaseOrder) -> None:
    if not order.on_credit or is_posted(invoice_key(order.pk)):
        return
    shares = group_shares(order)
    with transaction.atomic(savepoint=False):
        accounts = locked_group_accounts(shares)
        legs = [Leg(accounts.receivable, -order.total)]
        for group_id, (share, commission) in shares.items():
            legs += [
                Leg(accounts.of(group_id, AccountKind.PENDING), share, group_id=group_id),
                Leg(accounts.commission, commission, group_id=group_id),
            ]
        post(invoice_key(order.pk), TransactionKind.INVOICE, legs)


def _release(order: PurchaseOrder, group_id: int, share: int, accounts) -> None:
    post(
        release_key(order.pk, group_id),
        TransactionKind.RELEASE,
        [
            Leg(accounts.of(group_id, AccountKind.PENDING), -share, group_id=group_id),
            Leg(accounts.of(group_id, AccountKind.PAYABLE), share, group_id=group_id),
        ],
    )


def post_invoice_paid(order: PurchaseOrder) -> None:
    if not order.on_credit or is_posted(invoice_paid_key(order.pk)):
        return
    post_invoice_issued(order)
    shares = group_shares(order)
    with transaction.atomic(savepoint=False):
        accounts = locked_group_accounts(shares)
        post(
            invoice_paid_key(order.pk),
            TransactionKind.INVOICE_PAID,
            [Leg(accounts.clearing, -order.total), Leg(accounts.receivable, order.total)],
        )
        for group_id, (share, _commission) in shares.items():
            _release(order, group_id, share, accounts)  # a no-op if advanced on delivery


def post_group_delivered(order: PurchaseOrder, group_id: int) -> None:
    """With PARTNER_ADVANCE_ON_DELIVERY, a group that delivered all its lines is paid early."""
    if not order.on_credit or not getattr(settings, "PARTNER_ADVANCE_ON_DELIVERY", False):
        return
    post_invoice_issued(order)
    share = group_shares(order).get(group_id, (0, 0))[0]
    with transaction.atomic(savepoint=False):
        accounts = locked_group_accounts([group_id])
        _release(order, group_id, share, accounts)
