"""Provider notifications: verified, stored once by event id, applied once.

A replayed or duplicated event finds its stored row and changes nothing; an event that arrives
out of order meets a state that no longer allows it (a failure after a success, a cancel after a
charge) and is stored as ignored. Everything refused is logged on ``marketplace.payments``.
"""

import logging
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.orders.models import Order
from marketplace.orders.services import cancel_order

from .gateways import EventKind, GatewayEvent, RefundResult, get_gateway
from .locks import locked_order, locked_transaction
from .models import (
    ProviderEvent,
    Refund,
    RefundStatus,
    TransactionEventType,
    TransactionGateway,
    TransactionItem,
    TransactionStatus,
    WebhookOutcome,
)
from .records import add_event, flag_for_staff
from .refund_processing import find_refund, mark_refund_failed, record_refund_success
from .services import record_charge

logger = logging.getLogger("marketplace.payments")

# Gateways whose expiry of a charge is the end of the order (the QR or account is gone).
EXPIRING_GATEWAYS = (TransactionGateway.MIDTRANS, TransactionGateway.XENDIT)


UNKNOWN_PAYMENT = "no payment of ours matches this event"


@dataclass(frozen=True)
class WebhookResult:
    event_id: str
    outcome: str
    message: str
    duplicate: bool = False


def handle_webhook(gateway_name: str, payload: bytes, headers) -> WebhookResult:
    """Verify a notification (raises WebhookVerificationError) and apply it once."""
    event = get_gateway(gateway_name).parse_webhook(payload, headers)
    return apply_event(gateway_name, event)


def apply_event(gateway_name: str, event: GatewayEvent) -> WebhookResult:
    if not event.id:
        logger.warning("%s event without an id refused", gateway_name)
        return WebhookResult("", WebhookOutcome.REFUSED, "event has no id")
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = ProviderEvent.objects.create(
                    gateway=gateway_name,
                    event_id=event.id,
                    type=event.type,
                    outcome=WebhookOutcome.IGNORED,
                    provider_created_at=event.created,
                    payload=event.raw,
                )
        except IntegrityError:
            logger.info(
                "%s event %s (%s) already processed: ignored", gateway_name, event.id, event.type
            )
            previous = ProviderEvent.objects.get(gateway=gateway_name, event_id=event.id)
            return WebhookResult(event.id, previous.outcome, "already processed", duplicate=True)
        txn = find_transaction(event)
        record.transaction = txn
        if txn is None and event.kind != EventKind.OTHER:
            outcome, message = WebhookOutcome.REFUSED, UNKNOWN_PAYMENT
        else:
            outcome, message = HANDLERS[event.kind](event, txn)
        record.outcome = outcome
        record.message = message
        record.save(update_fields=["transaction", "outcome", "message"])
    log = logger.warning if outcome == WebhookOutcome.REFUSED else logger.info
    log("%s event %s (%s) %s: %s", gateway_name, event.id, event.type, outcome, message)
    return WebhookResult(event.id, outcome, message)


def find_transaction(event: GatewayEvent) -> TransactionItem | None:
    if event.payment_reference:
        txn = TransactionItem.objects.filter(psp_reference=event.payment_reference).first()
        if txn:
            return txn
    token = _uuid(event.metadata.get("transaction_token"))
    if token:
        return TransactionItem.objects.filter(token=token).first()
    refund_token = _uuid(event.metadata.get("refund_token"))  # Xendit's refund callbacks
    if refund_token:
        refund = Refund.objects.filter(token=refund_token).select_related("transaction").first()
        return refund.transaction if refund else None
    return None


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _charge_succeeded(event: GatewayEvent, txn: TransactionItem) -> tuple[str, str]:
    result = record_charge(
        txn.pk,
        amount=event.amount if event.amount_is_whole else None,
        currency=event.currency,
        psp_reference=event.payment_reference,
        raw=event.raw,
    )
    return result.outcome, result.message


def _charge_failed(event: GatewayEvent, txn: TransactionItem) -> tuple[str, str]:
    locked_order(txn.order_id)
    txn = locked_transaction(txn.pk)
    if txn.status != TransactionStatus.PENDING:
        return WebhookOutcome.IGNORED, f"transaction is {txn.status}"
    message = event.message or _("The card was declined.")
    txn.message = message
    txn.save(update_fields=["message", "updated_at"])
    add_event(
        txn,
        TransactionEventType.CHARGE_FAILURE,
        amount=event.amount or 0,
        psp_reference=event.payment_reference,
        message=message,
        raw=event.raw,
    )
    return WebhookOutcome.APPLIED, "charge failure recorded; the customer may try again"


def _charge_canceled(event: GatewayEvent, txn: TransactionItem) -> tuple[str, str]:
    locked_order(txn.order_id)
    txn = locked_transaction(txn.pk)
    if txn.status != TransactionStatus.PENDING:
        return WebhookOutcome.IGNORED, f"transaction is {txn.status}"
    txn.status = TransactionStatus.CANCELED
    txn.canceled_value = txn.amount
    txn.save(update_fields=["status", "canceled_value", "updated_at"])
    add_event(
        txn,
        TransactionEventType.CANCEL_SUCCESS,
        amount=txn.amount,
        psp_reference=event.payment_reference,
        raw=event.raw,
    )
    if txn.gateway in EXPIRING_GATEWAYS and _cancel_unpaid_order(txn):
        return WebhookOutcome.APPLIED, "payment expired; order canceled and stock released"
    return WebhookOutcome.APPLIED, "payment canceled"


def _cancel_unpaid_order(txn: TransactionItem) -> bool:
    """A QR or virtual account that expired (or was canceled) at the provider ends the order
    when nothing else can still pay it: its stock goes back to the groups."""
    order = Order.objects.get(pk=txn.order_id)
    still_open = TransactionItem.objects.filter(
        order_id=order.pk, status=TransactionStatus.PENDING
    ).exists()
    if still_open or order.is_charged or not order.can_confirm_payment():
        return False
    cancel_order(order.pk, actor=None, reason=_("The payment expired before it was paid."))
    return True


def _charge_processing(event: GatewayEvent, txn: TransactionItem) -> tuple[str, str]:
    add_event(
        txn,
        TransactionEventType.INFO,
        psp_reference=event.payment_reference,
        message=event.type,
        raw=event.raw,
    )
    return WebhookOutcome.IGNORED, "informational"


def _refunds_updated(event: GatewayEvent, txn: TransactionItem) -> tuple[str, str]:
    locked_order(txn.order_id)
    locked_transaction(txn.pk)
    changed = []
    for result in event.refunds:
        changed.extend(_apply_refund_result(txn, result))
    if not changed:
        return WebhookOutcome.IGNORED, "refunds already up to date"
    return WebhookOutcome.APPLIED, "; ".join(changed)


def _apply_refund_result(txn: TransactionItem, result: RefundResult) -> list[str]:
    if result.amount < 0 or result.currency != txn.currency:
        flag_for_staff(
            txn, f"provider refund {result.psp_reference} in unexpected amount or currency"
        )
        return [f"refund {result.psp_reference} flagged"]
    refund = find_refund(txn, result)
    if result.status == "failed":
        if refund and mark_refund_failed(
            refund.pk, message=f"provider refund {result.psp_reference} failed", raw=result.raw
        ):
            return [f"refund {refund.pk} failed"]
        return []
    if result.status != "succeeded":
        return []
    if refund is None:
        refund = _external_refund(txn, result)
        if refund is None:
            return [f"refund {result.psp_reference} flagged"]
    if record_refund_success(refund.pk, result=result):
        return [f"refund {refund.pk} succeeded"]
    return []


def _external_refund(txn: TransactionItem, result: RefundResult) -> Refund | None:
    """A refund made at the provider directly (e.g. in Stripe's dashboard): record it as ours."""
    txn.refresh_from_db()
    if result.amount <= 0 or result.amount > txn.charged_value:
        flag_for_staff(
            txn,
            f"provider refund {result.psp_reference} of {result.amount} exceeds what is charged",
        )
        return None
    return Refund.objects.create(
        order_id=txn.order_id,
        transaction=txn,
        amount=result.amount,
        reason=_("Refunded directly at the payment provider."),
        status=RefundStatus.PROCESSING,
        psp_reference=result.psp_reference,
    )


def _dispute_opened(event: GatewayEvent, txn: TransactionItem) -> tuple[str, str]:
    locked_order(txn.order_id)
    txn = locked_transaction(txn.pk)
    add_event(
        txn,
        TransactionEventType.INFO,
        amount=event.amount or 0,
        psp_reference=event.payment_reference,
        message=f"dispute: {event.message}",
        raw=event.raw,
    )
    flag_for_staff(
        txn, _("The customer disputed the card payment (%(reason)s).") % {"reason": event.message}
    )
    return WebhookOutcome.APPLIED, "dispute flagged for staff"


def _other(event: GatewayEvent, txn: TransactionItem | None) -> tuple[str, str]:
    return WebhookOutcome.IGNORED, "event type not used"


HANDLERS = {
    EventKind.CHARGE_SUCCEEDED: _charge_succeeded,
    EventKind.CHARGE_FAILED: _charge_failed,
    EventKind.CHARGE_CANCELED: _charge_canceled,
    EventKind.CHARGE_PROCESSING: _charge_processing,
    EventKind.REFUNDS_UPDATED: _refunds_updated,
    EventKind.DISPUTE_OPENED: _dispute_opened,
    EventKind.OTHER: _other,
}
