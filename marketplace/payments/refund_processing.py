"""Performing refunds with the provider and recording their outcome, exactly once each.

``perform_refund`` claims a pending refund, calls the provider outside any transaction with the
refund's own idempotency key, and records the answer; ``record_refund_success`` is also reached
from the provider's webhook, whichever comes first wins and the other changes nothing.
"""

import logging
import uuid

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.orders.models import Order, OrderChargeStatus

from . import notices
from .errors import PaymentError, PaymentErrorCode
from .gateways import GatewayError, RefundResult, get_gateway
from .locks import locked_order, locked_refund, locked_transaction
from .models import (
    Refund,
    RefundStatus,
    TransactionEventType,
    TransactionGateway,
    TransactionItem,
)
from .records import add_event, flag_for_staff

logger = logging.getLogger("marketplace.payments")


class RefundRetryLater(Exception):
    """The provider could not be reached; the task retries with back-off."""


def perform_refund(refund_id: int) -> str:
    """Send one pending card refund to the provider; safe to run any number of times."""
    claimed = Refund.objects.filter(pk=refund_id, status=RefundStatus.PENDING).update(
        status=RefundStatus.PROCESSING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if claimed != 1:
        return "not pending"
    refund = Refund.objects.select_related("transaction", "order").get(pk=refund_id)
    try:
        result = get_gateway(refund.transaction.gateway).refund(
            payment_reference=refund.transaction.psp_reference,
            amount=refund.amount,
            currency=refund.transaction.currency,
            idempotency_key=str(refund.token),
            metadata={"order_number": str(refund.order.number), "refund_id": str(refund.pk)},
        )
    except GatewayError as exc:
        if exc.retryable:
            Refund.objects.filter(pk=refund_id).update(
                status=RefundStatus.PENDING, error=str(exc)[:2000], updated_at=timezone.now()
            )
            logger.warning("refund %s will be retried: %s", refund_id, exc)
            raise RefundRetryLater(str(exc)) from exc
        mark_refund_failed(refund_id, message=str(exc), raw={"code": exc.code})
        return "failed"
    if result.status == "succeeded":
        record_refund_success(refund_id, result=result)
    elif result.status == "failed":
        mark_refund_failed(refund_id, message="provider refused the refund", raw=result.raw)
    else:
        Refund.objects.filter(pk=refund_id).update(
            psp_reference=result.psp_reference, updated_at=timezone.now()
        )
    return result.status


def record_refund_success(
    refund_id: int, *, result: RefundResult | None = None, actor=None
) -> bool:
    """Money went back: move it from charged to refunded and update the order, once.

    The transaction moves the whole amount, unique code included; the order only its own money
    (``amount - unique_code``), as it was charged only its own total.
    """
    with transaction.atomic():
        refund = Refund.objects.get(pk=refund_id)
        order = locked_order(refund.order_id)
        txn = locked_transaction(refund.transaction_id)
        refund = locked_refund(refund_id)
        if refund.status == RefundStatus.SUCCEEDED:
            return False
        if refund.amount > txn.charged_value:
            flag_for_staff(
                txn, f"refund {refund.pk} of {refund.amount} exceeds {txn.charged_value} charged"
            )
            return False
        refund.status = RefundStatus.SUCCEEDED
        refund.completed_at = timezone.now()
        refund.completed_by = actor if getattr(actor, "pk", None) else None
        if result is not None:
            refund.psp_reference = result.psp_reference
        refund.save(
            update_fields=["status", "completed_at", "completed_by", "psp_reference", "updated_at"]
        )
        txn.charged_value -= refund.amount
        txn.refunded_value += refund.amount
        txn.save(update_fields=["charged_value", "refunded_value", "updated_at"])
        add_event(
            txn,
            TransactionEventType.REFUND_SUCCESS,
            amount=refund.amount,
            psp_reference=refund.psp_reference,
            raw=result.raw if result else {},
            actor=actor,
        )
        reflect_refund_on_order(order, refund.amount - refund.unique_code)
        notices.refund_sent(refund)
    logger.info("refund %s of %s for order #%s succeeded", refund.pk, refund.amount, order.number)
    return True


def reflect_refund_on_order(order: Order, amount: int) -> None:
    """The order's refunded total and payment status (the order row is locked by the caller).

    ``amount`` is order money only: a bank transfer's unique code is not part of the order's
    ``total_charged`` and so not of its ``total_refunded`` either.
    """
    order.total_refunded += amount
    order.charge_status = (
        OrderChargeStatus.FULLY_REFUNDED
        if order.total_refunded >= order.total_charged
        else OrderChargeStatus.PARTIALLY_REFUNDED
    )
    order.save(update_fields=["total_refunded", "charge_status", "updated_at"])


def mark_refund_failed(refund_id: int, *, message: str, raw: dict | None = None) -> bool:
    """The provider refused: keep the money as charged and ask staff to act."""
    with transaction.atomic():
        refund = Refund.objects.get(pk=refund_id)
        locked_order(refund.order_id)
        txn = locked_transaction(refund.transaction_id)
        refund = locked_refund(refund_id)
        if refund.status in (RefundStatus.SUCCEEDED, RefundStatus.FAILED):
            if refund.status == RefundStatus.SUCCEEDED:
                flag_for_staff(
                    txn, f"refund {refund.pk} reported failed after it succeeded: {message}"
                )
            return False
        refund.status = RefundStatus.FAILED
        refund.error = message[:2000]
        refund.save(update_fields=["status", "error", "updated_at"])
        add_event(
            txn, TransactionEventType.REFUND_FAILURE, amount=refund.amount, message=message, raw=raw
        )
        flag_for_staff(txn, f"refund {refund.pk} of {refund.amount} failed: {message}")
    return True


def complete_manual_refund(refund_id: int, *, actor, reference: str) -> Refund:
    """Staff transferred a bank-transfer refund back to the customer's account."""
    reference = (reference or "").strip()
    if not reference:
        raise PaymentError(
            PaymentErrorCode.REASON_REQUIRED,
            _("Enter the bank reference of the transfer back."),
            field="reference",
        )
    refund = Refund.objects.select_related("transaction").get(pk=refund_id)
    if (
        refund.status != RefundStatus.MANUAL
        or refund.transaction.gateway != TransactionGateway.BANK_TRANSFER
    ):
        raise PaymentError(
            PaymentErrorCode.INVALID_STATUS, _("This refund is not waiting for staff.")
        )
    result = RefundResult(
        psp_reference=reference[:255],
        status="succeeded",
        amount=refund.amount,
        currency=refund.transaction.currency,
        raw={"reference": reference, "by": actor.pk},
    )
    record_refund_success(refund_id, result=result, actor=actor)
    refund.refresh_from_db()
    return refund


def find_refund(transaction: TransactionItem, result: RefundResult) -> Refund | None:
    """Our refund behind a provider refund: by its reference, else by our idempotency key."""
    if result.psp_reference:
        refund = Refund.objects.filter(
            transaction=transaction, psp_reference=result.psp_reference
        ).first()
        if refund:
            return refund
    if result.idempotency_key:
        try:
            token = uuid.UUID(result.idempotency_key)
        except ValueError:
            return None
        return Refund.objects.filter(transaction=transaction, token=token).first()
    return None
