"""Ledger postings called by the services that cause them (owned by the settlement domain).

Each runs inside the caller's transaction (``orders.services``), posts nothing twice for one
event (idempotency keys ``payment:<order>``, ``release:<fulfillment>``,
``reverse-line:<order line>``, ``reverse-shipping:<fulfillment>``, ``return-code:<order>``) and
never calls the network.

Refunds and the unique code: a reversal debits each group and the commission exactly what the
payment credited them, never more; a bank transfer's unique code is returned (debited from the
platform's unique-code account, credited back to clearing) only once the whole order is
reversed, the same rule ``payments.refunds`` applies to the money (the code goes back only with
everything left of the order).
"""

from collections import defaultdict

from django.db import transaction

from marketplace.orders.models import Fulfillment, FulfillmentStatus, OrderLine
from marketplace.payments.models import (
    Refund,
    RefundStatus,
    TransactionGateway,
    TransactionItem,
    TransactionStatus,
)

from .commission import commission_amount
from .ledger import (
    Leg,
    claim_many,
    entry_sum,
    is_posted,
    locked_group_accounts,
    post,
    write_entries,
)
from .models import AccountKind, LedgerEntry, TransactionKind


def payment_key(order_id: int) -> str:
    return f"payment:{order_id}"


def release_key(fulfillment_id: int) -> str:
    return f"release:{fulfillment_id}"


def post_payment_confirmed(order) -> None:
    """Credit each group's pending balance and the commission account for a paid order.

    Per line: clearing is debited the line total, the group's pending is credited the total less
    commission and the commission account the commission; each fulfilment's shipping goes to its
    group in full. A fulfilment already delivered is released to payable at once.

    A bank transfer's unique code (see ``transfer_unique_codes``) is posted in the same ledger
    transaction: clearing is debited the code too, so the clearing debit equals the amount on the
    bank statement, and the platform's unique-code account is credited it.
    """
    if is_posted(payment_key(order.pk)):
        return
    post_payments_confirmed([order.pk])


def post_payments_confirmed(order_ids: list[int]) -> int:
    """The same posting for many paid orders in one go (backfills, replays, the benchmark).

    Orders already posted are skipped; returns how many were posted now.
    """
    order_ids = sorted(set(order_ids))
    with transaction.atomic(savepoint=False):
        lines = defaultdict(list)
        for line in OrderLine.objects.filter(order_id__in=order_ids, is_canceled=False):
            lines[line.order_id].append(line)
        fulfillments = defaultdict(list)
        for fulfillment in Fulfillment.objects.filter(order_id__in=order_ids).exclude(
            status=FulfillmentStatus.CANCELED
        ):
            fulfillments[fulfillment.order_id].append(fulfillment)
        group_ids = {line.group_id for group in lines.values() for line in group}
        group_ids |= {f.group_id for group in fulfillments.values() for f in group}
        accounts = locked_group_accounts(group_ids)
        claimed = claim_many(
            [(payment_key(pk), TransactionKind.PAYMENT, {"order_id": pk}) for pk in order_ids]
        )
        codes = transfer_unique_codes([txn.order_id for txn in claimed])
        write_entries(
            (
                txn,
                _payment_legs(lines[txn.order_id], fulfillments[txn.order_id], accounts)
                + _unique_code_legs(codes.get(txn.order_id, 0), accounts),
            )
            for txn in claimed
        )
        for txn in claimed:
            for fulfillment in fulfillments[txn.order_id]:
                if fulfillment.status == FulfillmentStatus.DELIVERED:
                    _release(fulfillment, accounts)
    return len(claimed)


def _payment_legs(lines, fulfillments, accounts, *, fulfillments_by_group=None) -> list[Leg]:
    by_group = fulfillments_by_group or {f.group_id: f for f in fulfillments}
    legs = []
    for line in lines:
        fulfillment = by_group.get(line.group_id)
        commission = commission_amount(line.total_price, line.commission_percent)
        refs = {
            "group_id": line.group_id,
            "order_line_id": line.pk,
            "fulfillment_id": fulfillment.pk if fulfillment else None,
        }
        legs += [
            Leg(accounts.clearing, -line.total_price, **refs),
            Leg(
                accounts.of(line.group_id, AccountKind.PENDING),
                line.total_price - commission,
                **refs,
            ),
            Leg(accounts.commission, commission, **refs),
        ]
    for fulfillment in fulfillments:
        refs = {"group_id": fulfillment.group_id, "fulfillment_id": fulfillment.pk}
        legs += [
            Leg(accounts.clearing, -fulfillment.shipping_price, **refs),
            Leg(
                accounts.of(fulfillment.group_id, AccountKind.PENDING),
                fulfillment.shipping_price,
                **refs,
            ),
        ]
    return legs


def transfer_unique_codes(order_ids: list[int]) -> dict[int, int]:
    """The unique-code rupiah each order's confirmed bank transfer carried on top of its total.

    Decision: as Indonesian marketplaces that ask for "total + kode unik" do, the customer pays
    the code and the platform keeps it as income of its own (account ``unique_code``). It is not
    part of the order total, so groups' shares and commission are computed without it, and a
    partial refund of goods or shipping never returns it; a refund of the whole order returns it
    too (``return_unique_code``), from the unique-code account, never from a group. It is never
    dropped either: every rupiah on the bank statement is on the ledger.
    """
    codes: dict[int, int] = defaultdict(int)
    if not order_ids:
        return codes
    charged = TransactionItem.objects.filter(
        order_id__in=order_ids,
        gateway=TransactionGateway.BANK_TRANSFER,
        status=TransactionStatus.CHARGED,
    ).values_list("order_id", "unique_code")
    for order_id, code in charged:
        codes[order_id] += code
    return codes


def refunded_unique_codes(order_ids: list[int]) -> dict[int, int]:
    """The unique-code rupiah the payments domain has given back on each order (refunds done)."""
    codes: dict[int, int] = defaultdict(int)
    if not order_ids:
        return codes
    returned = (
        Refund.objects.filter(order_id__in=order_ids, status=RefundStatus.SUCCEEDED)
        .exclude(unique_code=0)
        .values_list("order_id", "unique_code")
    )
    for order_id, code in returned:
        codes[order_id] += code
    return codes


def _unique_code_legs(code: int, accounts) -> list[Leg]:
    return [Leg(accounts.clearing, -code), Leg(accounts.unique_code, code)]


def return_code_key(order_id: int) -> str:
    return f"return-code:{order_id}"


def return_unique_code(order_id: int, accounts) -> None:
    """Give the order's unique code back once nothing of the order is credited to any group.

    Called after a reversal (accounts locked by the caller): when every payment leg of every
    group has been reversed, the whole order is being refunded, and the payments domain returns
    the code with it; the ledger debits the platform's unique-code account (a ``reversal``, so
    reconciliation counts it as refunded) and never a group. Once per order.
    """
    code = transfer_unique_codes([order_id]).get(order_id, 0)
    if not code or is_posted(return_code_key(order_id)):
        return
    still_credited = entry_sum(
        transaction__order_id=order_id,
        transaction__kind__in=[TransactionKind.PAYMENT, TransactionKind.REVERSAL],
        account__kind=AccountKind.CLEARING,
        group_id__isnull=False,
    )
    if still_credited:
        return  # part of the order is still sold: the code stays with the platform
    post(
        return_code_key(order_id),
        TransactionKind.REVERSAL,
        [Leg(accounts.unique_code, -code), Leg(accounts.clearing, code)],
        order_id=order_id,
    )


def post_fulfillment_delivered(fulfillment) -> None:
    """Move the fulfilment's share from pending to payable (once; later calls change nothing)."""
    if is_posted(release_key(fulfillment.pk)) or not is_posted(payment_key(fulfillment.order_id)):
        return  # already released, or not paid yet: the payment posting releases it then
    with transaction.atomic(savepoint=False):
        accounts = locked_group_accounts([fulfillment.group_id])
        _release(fulfillment, accounts)


def _release(fulfillment, accounts) -> None:
    pending = accounts.of(fulfillment.group_id, AccountKind.PENDING)
    payable = accounts.of(fulfillment.group_id, AccountKind.PAYABLE)
    amount = _fulfillment_balance(fulfillment.pk, pending)
    refs = {"group_id": fulfillment.group_id, "fulfillment_id": fulfillment.pk}
    post(
        release_key(fulfillment.pk),
        TransactionKind.RELEASE,
        [Leg(pending, -amount, **refs), Leg(payable, amount, **refs)],
        order_id=fulfillment.order_id,
        fulfillment_id=fulfillment.pk,
    )


def post_fulfillment_reversed(fulfillment, *, order_lines=None) -> None:
    """Reverse a group's share (rejection or refund), commission too.

    ``order_lines=None`` reverses the whole fulfilment (every line and its shipping); otherwise
    only the given lines of this fulfilment's group. Money still pending comes off pending; once
    released it comes off payable, and what the group was already paid becomes ``recoverable``,
    set off against its next payout. Lines the orders domain re-routed to another group (on a
    rejection) are credited to that group here, with its new fulfilment's shipping. Each group
    is debited exactly what the payment credited it: a transfer's unique code is never taken
    from a group; once the whole order is reversed it comes off the platform's unique-code
    account instead (``return_unique_code``).
    """
    if not is_posted(payment_key(fulfillment.order_id)):
        return  # nothing was credited for an unpaid order
    line_ids = None if order_lines is None else {getattr(x, "pk", x) for x in order_lines}
    with transaction.atomic(savepoint=False):
        lines = list(OrderLine.objects.filter(order_id=fulfillment.order_id, is_canceled=False))
        others = list(
            Fulfillment.objects.filter(order_id=fulfillment.order_id)
            .exclude(pk=fulfillment.pk)
            .exclude(status__in=[FulfillmentStatus.CANCELED, FulfillmentStatus.REJECTED])
        )
        group_ids = {fulfillment.group_id} | {line.group_id for line in lines}
        accounts = locked_group_accounts(group_ids | {f.group_id for f in others})
        payment = _payment_entries(fulfillment, line_ids, shipping=order_lines is None)
        released = is_posted(release_key(fulfillment.pk))
        for line_id, amounts in sorted(payment.items(), key=lambda kv: kv[0] or 0):
            key = (
                f"reverse-line:{line_id}:{fulfillment.group_id}"
                if line_id
                else f"reverse-shipping:{fulfillment.pk}"
            )
            legs = _reversal_legs(fulfillment, line_id, amounts, accounts, released=released)
            post(
                key,
                TransactionKind.REVERSAL,
                legs,
                order_id=fulfillment.order_id,
                fulfillment_id=fulfillment.pk,
            )
        _credit_rerouted(fulfillment.order_id, lines, others, accounts)
        return_unique_code(fulfillment.order_id, accounts)


def _credit_rerouted(order_id: int, lines, fulfillments, accounts) -> None:
    """Credit lines and fulfilments of a paid order that no payment posting covers yet."""
    credited = set(
        LedgerEntry.objects.filter(
            transaction__order_id=order_id,
            transaction__kind=TransactionKind.PAYMENT,
            account__kind=AccountKind.PENDING,
        ).values_list("order_line_id", "group_id", "fulfillment_id")
    )
    credited_lines = {(line_id, group_id) for line_id, group_id, _f in credited if line_id}
    credited_shipping = {f for line_id, _g, f in credited if line_id is None}
    by_group = {f.group_id: f for f in fulfillments}
    for line in lines:
        if (line.pk, line.group_id) not in credited_lines and line.group_id in by_group:
            post(
                f"reroute:{line.pk}:{line.group_id}",
                TransactionKind.PAYMENT,
                _payment_legs([line], [], accounts, fulfillments_by_group=by_group),
                order_id=order_id,
                fulfillment_id=by_group[line.group_id].pk,
            )
    for fulfillment in fulfillments:
        if fulfillment.pk not in credited_shipping and fulfillment.shipping_price:
            post(
                f"shipping:{fulfillment.pk}",
                TransactionKind.PAYMENT,
                _payment_legs([], [fulfillment], accounts),
                order_id=order_id,
                fulfillment_id=fulfillment.pk,
            )


def _payment_entries(fulfillment, line_ids, *, shipping: bool) -> dict:
    """What payment postings credited this fulfilment's group, per order line (None: shipping)."""
    entries = LedgerEntry.objects.filter(
        transaction__order_id=fulfillment.order_id,
        transaction__kind=TransactionKind.PAYMENT,
        group_id=fulfillment.group_id,
    ).values_list("order_line_id", "fulfillment_id", "account__kind", "amount")
    result: dict = defaultdict(lambda: defaultdict(int))
    for line_id, fulfillment_id, kind, amount in entries:
        if line_id is None and (not shipping or fulfillment_id != fulfillment.pk):
            continue
        if line_id is not None and line_ids is not None and line_id not in line_ids:
            continue
        result[line_id][kind] += amount
    return result


def _reversal_legs(fulfillment, line_id, amounts, accounts, *, released: bool) -> list[Leg]:
    group_id = fulfillment.group_id
    share = amounts.get(AccountKind.PENDING, 0)
    commission = amounts.get(AccountKind.COMMISSION, 0)
    gross = -amounts.get(AccountKind.CLEARING, 0)
    refs = {"group_id": group_id, "order_line_id": line_id, "fulfillment_id": fulfillment.pk}
    legs = [Leg(accounts.clearing, gross, **refs), Leg(accounts.commission, -commission, **refs)]
    if not released:
        return legs + [Leg(accounts.of(group_id, AccountKind.PENDING), -share, **refs)]
    payable = accounts.of(group_id, AccountKind.PAYABLE)
    from_payable = min(share, max(payable.balance, 0))
    legs.append(Leg(payable, -from_payable, **refs))
    legs.append(
        Leg(accounts.of(group_id, AccountKind.RECOVERABLE), -(share - from_payable), **refs)
    )
    return legs


def _fulfillment_balance(fulfillment_id: int, account) -> int:
    total = 0
    for amount in LedgerEntry.objects.filter(
        fulfillment_id=fulfillment_id, account_id=account.pk
    ).values_list("amount", flat=True):
        total += amount
    return total


def cod_key(fulfillment_id: int) -> str:
    return f"cod:{fulfillment_id}"


def post_cod_delivered(fulfillment) -> None:
    """Cash on delivery: the group collected the money itself, so nothing becomes payable to it;
    it owes the marketplace the commission instead (its ``recoverable`` account, set off against
    its next payouts). Once per fulfilment; a parcel refused at the door posts nothing."""
    if is_posted(cod_key(fulfillment.pk)):
        return
    lines = OrderLine.objects.filter(
        order_id=fulfillment.order_id, group_id=fulfillment.group_id, is_canceled=False
    )
    with transaction.atomic(savepoint=False):
        accounts = locked_group_accounts([fulfillment.group_id])
        legs = []
        for line in lines:
            commission = commission_amount(line.total_price, line.commission_percent)
            refs = {
                "group_id": fulfillment.group_id,
                "order_line_id": line.pk,
                "fulfillment_id": fulfillment.pk,
            }
            legs += [
                Leg(
                    accounts.of(fulfillment.group_id, AccountKind.RECOVERABLE), -commission, **refs
                ),
                Leg(accounts.commission, commission, **refs),
            ]
        post(
            cod_key(fulfillment.pk),
            TransactionKind.COD_COMMISSION,
            legs,
            order_id=fulfillment.order_id,
            fulfillment_id=fulfillment.pk,
        )
