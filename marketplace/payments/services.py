"""Card payments and the one place where a charge becomes a paid order.

Network calls to the provider happen between transactions, never inside one. Whatever the source
(a verified webhook, a server-side look-up after the customer returns, staff confirming a bank
transfer), ``record_charge`` is the single path that marks money received and calls
``orders.services.confirm_payment``.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError
from marketplace.orders.models import Order, PaymentMethod
from marketplace.orders.services import confirm_payment

from . import notices
from .errors import PaymentError, PaymentErrorCode
from .gateways import GatewayError, PaymentSession, get_gateway
from .locks import locked_order, locked_transaction
from .models import (
    TransactionEventType,
    TransactionGateway,
    TransactionItem,
    TransactionStatus,
    WebhookOutcome,
)
from .records import add_event, flag_for_staff

logger = logging.getLogger("marketplace.payments")


@dataclass(frozen=True)
class ChargeOutcome:
    outcome: str  # a WebhookOutcome value
    message: str


def ensure_payable(order: Order, *, method: str) -> None:
    """Refuse a payment attempt for an order that is paid, canceled or paid another way."""
    if order.payment_method != method:
        raise PaymentError(
            PaymentErrorCode.WRONG_PAYMENT_METHOD,
            _("This order is paid by another method."),
            field="payment_method",
        )
    if order.total_charged > 0:
        raise PaymentError(PaymentErrorCode.ALREADY_PAID, _("This order is already paid."))
    if not order.can_confirm_payment():
        raise PaymentError(PaymentErrorCode.NOT_PAYABLE, _("This order can no longer be paid."))


def record_charge(
    transaction_id: int,
    *,
    amount: int | None,
    currency: str,
    psp_reference: str = "",
    raw: dict | None = None,
    actor=None,
) -> ChargeOutcome:
    """Money arrived for one transaction: record it once, then confirm the order's payment.

    A wrong amount or currency is refused and flagged; money for an order that is already paid or
    canceled is recorded (it is real) and flagged so staff refund it. Runs in the caller's
    transaction when there is one.
    """
    with transaction.atomic():
        order_id = TransactionItem.objects.values_list("order_id", flat=True).get(pk=transaction_id)
        order = locked_order(order_id)
        txn = locked_transaction(transaction_id)
        if currency.upper() != txn.currency or amount != txn.amount:
            reason = _(
                "Amount or currency does not match: expected %(expected)s %(currency)s, "
                "received %(amount)s %(received)s."
            ) % {
                "expected": txn.amount,
                "currency": txn.currency,
                "amount": amount,
                "received": currency.upper(),
            }
            add_event(
                txn, TransactionEventType.INFO, psp_reference=psp_reference, message=reason, raw=raw
            )
            flag_for_staff(txn, reason)
            return ChargeOutcome(WebhookOutcome.REFUSED, reason)
        if txn.status == TransactionStatus.CHARGED:
            return ChargeOutcome(WebhookOutcome.IGNORED, "charge already recorded")
        txn.status = TransactionStatus.CHARGED
        txn.charged_value = amount
        txn.authorized_value = 0
        txn.save(update_fields=["status", "charged_value", "authorized_value", "updated_at"])
        add_event(
            txn,
            TransactionEventType.CHARGE_SUCCESS,
            amount=amount,
            psp_reference=psp_reference,
            raw=raw,
            actor=actor,
        )
        return _confirm_order(order, txn, actor=actor, reference=psp_reference)


def _confirm_order(order: Order, txn: TransactionItem, *, actor, reference: str) -> ChargeOutcome:
    if order.total_charged > 0 or not order.can_confirm_payment():
        reason = _(
            "Money received for order #%(number)s, which is already paid or canceled "
            "(status %(status)s): refund it to the customer."
        ) % {"number": order.number, "status": order.status}
        flag_for_staff(txn, reason)
        return ChargeOutcome(WebhookOutcome.REFUSED, reason)
    try:
        with transaction.atomic():
            # The order is charged its own total; a bank transfer's unique code stays on the
            # transaction and is posted to the platform's unique-code account by settlement.
            confirm_payment(order.pk, amount=order.total, actor=actor, reference=reference)
    except DomainError as err:
        reason = _("Money received but the order could not be confirmed: %(error)s") % {
            "error": err.message
        }
        flag_for_staff(txn, reason)
        return ChargeOutcome(WebhookOutcome.REFUSED, reason)
    notices.payment_confirmed(txn)
    logger.info("order #%s paid through %s %s", order.number, txn.gateway, reference)
    return ChargeOutcome(WebhookOutcome.APPLIED, "payment confirmed")


def start_card_payment(order_id: int) -> TransactionItem:
    """The order's open card transaction with a client secret, creating the PaymentIntent once."""
    txn = _open_card_transaction(order_id)
    if txn.client_secret:
        return txn
    try:
        session = get_gateway(TransactionGateway.STRIPE).create_payment(
            amount=txn.amount,
            currency=txn.currency,
            metadata={
                "order_number": str(txn.order.number),
                "order_token": str(txn.order.token),
                "transaction_token": str(txn.token),
            },
            idempotency_key=f"txn-{txn.token}",
        )
    except GatewayError as exc:
        logger.warning("card payment for order #%s not started: %s", txn.order.number, exc)
        TransactionItem.objects.filter(pk=txn.pk).update(message=str(exc)[:2000])
        raise PaymentError(
            PaymentErrorCode.GATEWAY_ERROR,
            _("Card payment is not available right now. Try again in a few minutes."),
        ) from exc
    return _attach_session(txn.pk, session)


def _open_card_transaction(order_id: int) -> TransactionItem:
    with transaction.atomic():
        order = locked_order(order_id)
        ensure_payable(order, method=PaymentMethod.CARD)
        open_txn = (
            TransactionItem.objects.filter(
                order=order,
                gateway=TransactionGateway.STRIPE,
                status=TransactionStatus.PENDING,
                amount=order.total,
            )
            .order_by("-pk")
            .first()
        )
        if open_txn:
            return open_txn
        return TransactionItem.objects.create(
            order=order,
            gateway=TransactionGateway.STRIPE,
            name="Stripe",
            amount=order.total,
        )


def _attach_session(transaction_id: int, session: PaymentSession) -> TransactionItem:
    with transaction.atomic():
        txn = locked_transaction(transaction_id)
        if txn.psp_reference and txn.psp_reference != session.psp_reference:
            return txn  # another request attached its intent first
        if session.amount != txn.amount or session.currency != txn.currency:
            flag_for_staff(txn, f"provider created {session.amount} {session.currency}")
            raise PaymentError(
                PaymentErrorCode.AMOUNT_MISMATCH, _("The card payment could not be prepared.")
            )
        if not txn.psp_reference:
            txn.psp_reference = session.psp_reference
            txn.client_secret = session.client_secret
            txn.save(update_fields=["psp_reference", "client_secret", "updated_at"])
            add_event(
                txn,
                TransactionEventType.CHARGE_REQUEST,
                amount=txn.amount,
                psp_reference=session.psp_reference,
                raw=session.raw,
            )
    return txn


def sync_card_payment(transaction_id: int) -> ChargeOutcome | None:
    """Ask the provider (never the browser) whether the payment succeeded, and record it if so."""
    txn = TransactionItem.objects.get(pk=transaction_id)
    if txn.status != TransactionStatus.PENDING or not txn.psp_reference:
        return None
    try:
        session = get_gateway(txn.gateway).retrieve_payment(txn.psp_reference)
    except GatewayError as exc:
        logger.warning(
            "could not look up %s for order #%s: %s", txn.psp_reference, txn.order.number, exc
        )
        return None
    if not session.succeeded:
        return None
    return record_charge(
        txn.pk,
        amount=session.amount,
        currency=session.currency,
        psp_reference=session.psp_reference,
        raw=session.raw,
    )
