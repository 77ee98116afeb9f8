"""Row locks for payments, always in one order: order → transactions (by pk) → refunds (by pk)
→ proofs (by pk). The order comes first because ``orders.services`` locks it too.
Each helper evaluates its queryset: a lazy one locks nothing.
"""

from marketplace.orders.models import Order

from .models import PaymentProof, Refund, TransactionItem

__all__ = [
    "locked_order",
    "locked_proof",
    "locked_refund",
    "locked_transaction",
    "locked_transactions",
]


def locked_order(order_id: int) -> Order:
    """The order row, locked (the same lock ``orders.services`` takes first)."""
    return Order.objects.select_for_update(of=("self",)).get(pk=order_id)


def locked_transaction(transaction_id: int) -> TransactionItem:
    return TransactionItem.objects.select_for_update(of=("self",)).get(pk=transaction_id)


def locked_transactions(*, order_id: int, **filters) -> list[TransactionItem]:
    """The order's transactions (optionally filtered), locked in pk order."""
    return list(
        TransactionItem.objects.select_for_update(of=("self",))
        .filter(order_id=order_id, **filters)
        .order_by("pk")
    )


def locked_refund(refund_id: int) -> Refund:
    return Refund.objects.select_for_update(of=("self",)).get(pk=refund_id)


def locked_proof(proof_id: int) -> PaymentProof:
    return PaymentProof.objects.select_for_update(of=("self",)).get(pk=proof_id)
