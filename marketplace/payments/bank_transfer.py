"""Manual bank transfer: an amount with a unique code, a proof upload, staff confirm or reject.

The unique code (1–999 rupiah added to the total) lets staff match a transfer on the bank
statement to one order: no two open transfers ask for the same amount (a database constraint).

Decision (as Indonesian marketplaces that ask for "total + kode unik" do): the customer pays the
code on top of the order total and the platform keeps it as its own income.

- The transfer asks for ``amount = order.total + unique_code``; staff confirm only that exact
  amount, as seen on the bank statement (under- and over-payments are refused, not adjusted).
- The transaction records what arrived, code included (``charged_value``); the order records
  its own total (``Order.total_charged``), because groups' shares, commission and refunds of
  goods are computed from the order alone.
- The settlement ledger posts the code with the order's payment, in the same transaction:
  clearing is debited the full transfer and the platform's unique-code account is credited the
  code (``settlement.postings.transfer_unique_codes``); reconciliation compares bank statement
  amounts, code included, with the ledger.
- A refund gives the code back only with everything left of the order (``payments.refunds``):
  partial refunds are the order's own money, the whole rest is total + code, as transferred.
"""

import hashlib
import logging
import secrets

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core import audit
from marketplace.core.money import format_rupiah
from marketplace.core.storage import STORAGE_ERRORS
from marketplace.curation.scoping import can_edit, province_in_scope
from marketplace.orders.models import Order, PaymentMethod

from . import notices
from .errors import PaymentError, PaymentErrorCode
from .locks import locked_order, locked_proof, locked_transaction
from .models import (
    PaymentProof,
    ProofStatus,
    TransactionEventType,
    TransactionGateway,
    TransactionItem,
    TransactionStatus,
    WebhookOutcome,
)
from .proofs import check_proof
from .records import add_event
from .services import ensure_payable, record_charge
from .storage import proof_storage

logger = logging.getLogger("marketplace.payments")

MAX_UNIQUE_CODE = 999
CODE_ATTEMPTS = 30


def start_bank_transfer(order_id: int) -> TransactionItem:
    """The order's open bank transfer (created once), with its unique amount."""
    with transaction.atomic():
        order = locked_order(order_id)
        ensure_payable(order, method=PaymentMethod.BANK_TRANSFER)
        open_txn = TransactionItem.objects.open_bank_transfers().filter(order=order).first()
        if open_txn:
            return open_txn
        for _attempt in range(CODE_ATTEMPTS):
            code = _free_code(order.total)
            try:
                with transaction.atomic():
                    return TransactionItem.objects.create(
                        order=order,
                        gateway=TransactionGateway.BANK_TRANSFER,
                        name=_("Bank transfer"),
                        amount=order.total + code,
                        unique_code=code,
                    )
            except IntegrityError:
                continue  # another order took that amount a moment ago
    raise PaymentError(
        PaymentErrorCode.NOT_PAYABLE, _("Bank transfer is busy right now. Please reload the page.")
    )


def _free_code(total: int) -> int:
    taken = set(
        TransactionItem.objects.open_bank_transfers()
        .filter(amount__gt=total, amount__lte=total + MAX_UNIQUE_CODE)
        .values_list("amount", flat=True)
    )
    free = [code for code in range(1, MAX_UNIQUE_CODE + 1) if total + code not in taken]
    if not free:
        raise PaymentError(
            PaymentErrorCode.NOT_PAYABLE,
            _("Too many transfers of this amount are open. Please try again later."),
        )
    return secrets.choice(free)


def submit_proof(order_id: int, *, data: bytes, sender_name: str = "") -> PaymentProof:
    """Keep a customer's transfer proof (checked by content) and tell the province's staff."""
    try:
        checked = check_proof(data)
    except PaymentError as err:
        logger.warning(
            "payment proof refused for order id %s: %s (%s bytes)", order_id, err.code, len(data)
        )
        raise
    # The file goes to storage (perhaps a bucket over the network) before any lock is taken; a
    # refused or failed transaction deletes it again, so no proof row points at nothing.
    stored = _store_proof_file(order_id, data, checked.extension)
    try:
        with transaction.atomic():
            order = locked_order(order_id)
            ensure_payable(order, method=PaymentMethod.BANK_TRANSFER)
            txn = TransactionItem.objects.open_bank_transfers().filter(order=order).first()
            if txn is None:
                raise PaymentError(
                    PaymentErrorCode.NOT_PAYABLE, _("This order can no longer be paid.")
                )
            txn = locked_transaction(txn.pk)
            proof = PaymentProof.objects.create(
                transaction=txn,
                file=stored,
                kind=checked.kind,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                sender_name=sender_name.strip()[:100],
            )
            add_event(
                txn,
                TransactionEventType.INFO,
                message=f"proof {proof.pk} uploaded ({checked.kind})",
            )
            notices.proof_submitted(proof)
    except BaseException:
        _delete_quietly(stored)
        raise
    logger.info("payment proof %s uploaded for order #%s", proof.pk, order.number)
    return proof


def _store_proof_file(order_id: int, data: bytes, extension: str) -> str:
    field = PaymentProof._meta.get_field("file")
    name = field.generate_filename(None, f"{secrets.token_hex(16)}.{extension}")
    try:
        return proof_storage.save(name, ContentFile(data), max_length=field.max_length)
    except STORAGE_ERRORS:
        logger.exception("payment proof for order id %s could not be stored", order_id)
        raise PaymentError(
            PaymentErrorCode.STORAGE_UNAVAILABLE,
            _("The proof could not be stored right now. Nothing was saved; please try again."),
            field="proof",
        ) from None


def _delete_quietly(name: str) -> None:
    try:
        proof_storage.delete(name)
    except STORAGE_ERRORS:
        logger.warning("payment proof file %s left in storage after a failed upload", name)


def _check_staff(actor, order: Order) -> None:
    if not (can_edit(actor) and province_in_scope(actor, order.province_id)):
        logger.warning("staff %s refused on order #%s: outside their scope", actor, order.number)
        raise PaymentError(
            PaymentErrorCode.OUT_OF_SCOPE, _("You may not review payments of this province.")
        )


def confirm_bank_transfer(
    transaction_id: int, *, actor, amount_received: int, reference: str = ""
) -> TransactionItem:
    """Staff saw the transfer arrive: mark the order paid (through ``record_charge``).

    ``amount_received`` must be the order total plus the unique code, the amount on the bank
    statement; the transaction is charged that amount and the order its total.
    """
    with transaction.atomic():
        txn = TransactionItem.objects.select_related("order").get(pk=transaction_id)
        order = locked_order(txn.order_id)
        _check_staff(actor, order)
        txn = locked_transaction(transaction_id)
        if order.total_charged > 0 or txn.status == TransactionStatus.CHARGED:
            logger.warning(
                "second confirmation of paid order #%s refused (by %s)", order.number, actor
            )
            raise PaymentError(PaymentErrorCode.ALREADY_PAID, _("This order is already paid."))
        if not order.can_confirm_payment() or txn.status != TransactionStatus.PENDING:
            logger.warning(
                "confirmation of order #%s refused: order %s", order.number, order.status
            )
            raise PaymentError(PaymentErrorCode.NOT_PAYABLE, _("This order can no longer be paid."))
        if txn.gateway != TransactionGateway.BANK_TRANSFER:
            raise PaymentError(
                PaymentErrorCode.WRONG_PAYMENT_METHOD, _("This is not a bank transfer.")
            )
        if amount_received != txn.amount:
            logger.warning(
                "confirmation of order #%s refused: %s received, %s expected",
                order.number,
                amount_received,
                txn.amount,
            )
            raise PaymentError(
                PaymentErrorCode.AMOUNT_MISMATCH,
                _(
                    "%(received)s was entered, but the transfer must be exactly %(expected)s: "
                    "the order total %(total)s plus the unique code %(code)s."
                )
                % {
                    "received": format_rupiah(amount_received),
                    "expected": format_rupiah(txn.amount),
                    "total": format_rupiah(txn.amount - txn.unique_code),
                    "code": txn.unique_code,
                },
                field="amount_received",
            )
        outcome = record_charge(
            txn.pk,
            amount=amount_received,
            currency=txn.currency,
            psp_reference=reference.strip()[:255],
            raw={"confirmed_by": actor.pk, "reference": reference},
            actor=actor,
        )
        if outcome.outcome != WebhookOutcome.APPLIED:
            raise PaymentError(PaymentErrorCode.NOT_PAYABLE, outcome.message)
        PaymentProof.objects.filter(transaction=txn, status=ProofStatus.SUBMITTED).update(
            status=ProofStatus.ACCEPTED, reviewed_by=actor, reviewed_at=timezone.now()
        )
        audit.record(
            actor,
            txn,
            "payment.bank_transfer_confirmed",
            {"amount": [None, amount_received]},
            province_code=order.province_id,
        )
    txn.refresh_from_db()
    return txn


def reject_proof(proof_id: int, *, actor, reason: str) -> PaymentProof:
    """Staff could not find the transfer: the customer sees why and may upload again."""
    reason = (reason or "").strip()
    if not reason:
        raise PaymentError(
            PaymentErrorCode.REASON_REQUIRED, _("Give the customer a reason."), field="reason"
        )
    with transaction.atomic():
        proof = PaymentProof.objects.select_related("transaction").get(pk=proof_id)
        order = locked_order(proof.transaction.order_id)
        _check_staff(actor, order)
        locked_transaction(proof.transaction_id)
        proof = locked_proof(proof_id)
        if proof.status != ProofStatus.SUBMITTED:
            raise PaymentError(
                PaymentErrorCode.INVALID_STATUS, _("This proof was already reviewed.")
            )
        proof.status = ProofStatus.REJECTED
        proof.rejection_reason = reason
        proof.reviewed_by = actor
        proof.reviewed_at = timezone.now()
        proof.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
        add_event(
            proof.transaction,
            TransactionEventType.INFO,
            message=f"proof {proof.pk} rejected: {reason}",
            actor=actor,
        )
        notices.proof_rejected(proof)
        audit.record(
            actor,
            proof,
            "payment.proof_rejected",
            {"reason": ["", reason]},
            province_code=order.province_id,
        )
    logger.info("payment proof %s of order #%s rejected by %s", proof.pk, order.number, actor)
    return proof


def order_ids_awaiting_review():
    """Orders whose transfer receipt waits for staff: expiring them would cancel a paid order.

    For ``orders.services.expire_unpaid_orders`` to exclude (``.exclude(pk__in=...)``).
    """
    return (
        PaymentProof.objects.filter(
            status=ProofStatus.SUBMITTED, transaction__status=TransactionStatus.PENDING
        )
        .values_list("transaction__order_id", flat=True)
        .distinct()
    )
