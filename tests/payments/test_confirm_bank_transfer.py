"""Staff confirm a transfer they see on the bank statement; everything else is refused."""

import pytest

from marketplace.core.models import AuditEntry
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import OrderChargeStatus, OrderStatus
from marketplace.payments.bank_transfer import (
    confirm_bank_transfer,
    start_bank_transfer,
    submit_proof,
)
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import ProofStatus, TransactionEventType, TransactionStatus
from tests.factories.payments import image_bytes


@pytest.fixture
def transfer(bank_order):
    txn = start_bank_transfer(bank_order.pk)
    submit_proof(bank_order.pk, data=image_bytes())
    return txn


def test_confirming_marks_the_order_paid_and_tells_the_customer(transfer, bali_curator):
    # when
    confirm_bank_transfer(
        transfer.pk, actor=bali_curator, amount_received=transfer.amount, reference="BRI 123"
    )
    # then
    transfer.refresh_from_db()
    order = transfer.order
    order.refresh_from_db()
    assert (transfer.status, transfer.charged_value) == (
        TransactionStatus.CHARGED,
        94_000 + transfer.unique_code,
    )
    assert order.status == OrderStatus.UNFULFILLED
    assert order.charge_status == OrderChargeStatus.FULLY_CHARGED
    assert order.total_charged == 94_000
    event = transfer.events.get(type=TransactionEventType.CHARGE_SUCCESS)
    assert (event.amount, event.psp_reference, event.created_by) == (
        transfer.amount,
        "BRI 123",
        bali_curator,
    )
    assert transfer.proofs.get().status == ProofStatus.ACCEPTED
    assert list(
        OutboxMessage.objects.filter(event="payment_confirmed").values_list("recipient", flat=True)
    ) == [order.email]
    assert (
        AuditEntry.objects.filter(
            action="payment.bank_transfer_confirmed", actor=bali_curator
        ).count()
        == 1
    )


def test_second_confirmation_of_a_paid_order_is_refused(transfer, bali_curator, payment_log):
    confirm_bank_transfer(transfer.pk, actor=bali_curator, amount_received=transfer.amount)
    outbox_count = OutboxMessage.objects.count()
    # when
    with pytest.raises(PaymentError) as error:
        confirm_bank_transfer(transfer.pk, actor=bali_curator, amount_received=transfer.amount)
    # then
    assert error.value.code == PaymentErrorCode.ALREADY_PAID
    assert error.value.message == "Pesanan ini sudah dibayar."
    transfer.order.refresh_from_db()
    assert transfer.order.total_charged == 94_000
    assert transfer.events.filter(type=TransactionEventType.CHARGE_SUCCESS).count() == 1
    assert OutboxMessage.objects.count() == outbox_count
    assert f"second confirmation of paid order #{transfer.order.number} refused" in payment_log.text


def test_wrong_amount_is_refused(transfer, bali_curator, payment_log):
    with pytest.raises(PaymentError) as error:
        confirm_bank_transfer(transfer.pk, actor=bali_curator, amount_received=94_000)
    assert error.value.code == PaymentErrorCode.AMOUNT_MISMATCH
    transfer.refresh_from_db()
    transfer.order.refresh_from_db()
    assert transfer.status == TransactionStatus.PENDING
    assert transfer.order.status == OrderStatus.UNCONFIRMED
    assert transfer.proofs.get().status == ProofStatus.SUBMITTED
    assert not OutboxMessage.objects.filter(event="payment_confirmed").exists()
    assert "94000 received" in payment_log.text


def test_staff_of_another_province_cannot_confirm(transfer, aceh_curator, payment_log):
    with pytest.raises(PaymentError) as error:
        confirm_bank_transfer(transfer.pk, actor=aceh_curator, amount_received=transfer.amount)
    assert error.value.code == PaymentErrorCode.OUT_OF_SCOPE
    transfer.refresh_from_db()
    assert transfer.status == TransactionStatus.PENDING
    assert "outside their scope" in payment_log.text


def test_confirming_a_canceled_order_is_refused(transfer, bali_curator):
    order = transfer.order
    order.status = OrderStatus.CANCELED
    order.save(update_fields=["status"])
    with pytest.raises(PaymentError) as error:
        confirm_bank_transfer(transfer.pk, actor=bali_curator, amount_received=transfer.amount)
    assert error.value.code == PaymentErrorCode.NOT_PAYABLE
    transfer.refresh_from_db()
    assert transfer.status == TransactionStatus.PENDING
    assert transfer.charged_value == 0
