"""Who hears about payments, and what each notice carries (amounts as integers)."""

from django.urls import reverse

from marketplace.notifications import outbox
from marketplace.notifications.models import Channel

from .models import PaymentProof, Refund, TransactionItem


def customer(order) -> list[outbox.Recipient]:
    return (
        [outbox.Recipient(Channel.EMAIL, order.email, order.language or "id")]
        if order.email
        else []
    )


def _order_context(order) -> dict:
    return {
        "order_number": order.number,
        "customer_name": order.full_name,
        "total": int(order.total),
        "order_path": reverse("payments:order_payment", kwargs={"token": order.token}),
    }


def payment_confirmed(transaction: TransactionItem) -> None:
    order = transaction.order
    outbox.enqueue(
        "payment_confirmed",
        about=order,
        recipients=customer(order),
        context={**_order_context(order), "amount": int(transaction.charged_value)},
    )


def proof_submitted(proof: PaymentProof) -> None:
    transaction = proof.transaction
    order = transaction.order
    outbox.enqueue(
        "payment_proof_submitted",
        about=proof,
        recipients=outbox.recipients_for_province_staff(order.province_id),
        context={
            **_order_context(order),
            "amount": int(transaction.amount),
            "unique_code": int(transaction.unique_code),
            "sender_name": proof.sender_name,
            "admin_path": reverse("admin:payments_transactionitem_review", args=[transaction.pk]),
        },
    )


def proof_rejected(proof: PaymentProof) -> None:
    order = proof.transaction.order
    outbox.enqueue(
        "payment_proof_rejected",
        about=proof,
        recipients=customer(order),
        context={**_order_context(order), "reason": proof.rejection_reason},
    )


def payment_flagged(transaction: TransactionItem, reason: str) -> None:
    order = transaction.order
    outbox.enqueue(
        "payment_flagged",
        about=transaction,
        recipients=outbox.recipients_for_province_staff(order.province_id),
        context={
            **_order_context(order),
            "reason": reason,
            "admin_path": reverse("admin:payments_transactionitem_change", args=[transaction.pk]),
        },
    )


def refund_sent(refund: Refund) -> None:
    order = refund.order
    outbox.enqueue(
        "payment_refunded",
        about=refund,
        recipients=customer(order),
        context={**_order_context(order), "amount": int(refund.amount), "reason": refund.reason},
    )
