import pytest

from marketplace.notifications.models import OutboxMessage
from marketplace.payments.bank_transfer import reject_proof, start_bank_transfer, submit_proof
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import PaymentProof, ProofStatus, TransactionStatus
from tests.factories.payments import image_bytes


@pytest.fixture
def proof(bank_order):
    start_bank_transfer(bank_order.pk)
    return submit_proof(bank_order.pk, data=image_bytes())


def test_rejecting_tells_the_customer_why(proof, bali_curator):
    reject_proof(proof.pk, actor=bali_curator, reason="Transfer belum masuk ke rekening.")
    proof.refresh_from_db()
    assert (proof.status, proof.rejection_reason, proof.reviewed_by) == (
        ProofStatus.REJECTED,
        "Transfer belum masuk ke rekening.",
        bali_curator,
    )
    notice = OutboxMessage.objects.get(event="payment_proof_rejected")
    assert notice.recipient == proof.transaction.order.email
    assert notice.context["reason"] == "Transfer belum masuk ke rekening."
    assert proof.transaction.status == TransactionStatus.PENDING


def test_customer_may_upload_again_after_a_rejection(proof, bali_curator):
    reject_proof(proof.pk, actor=bali_curator, reason="Buram")
    second = submit_proof(proof.transaction.order_id, data=image_bytes("PNG"))
    assert second.status == ProofStatus.SUBMITTED
    assert PaymentProof.objects.count() == 2


def test_rejection_without_a_reason_is_refused(proof, bali_curator):
    with pytest.raises(PaymentError) as error:
        reject_proof(proof.pk, actor=bali_curator, reason="   ")
    assert error.value.code == PaymentErrorCode.REASON_REQUIRED
    proof.refresh_from_db()
    assert proof.status == ProofStatus.SUBMITTED
    assert not OutboxMessage.objects.filter(event="payment_proof_rejected").exists()


def test_staff_of_another_province_cannot_reject(proof, aceh_curator):
    with pytest.raises(PaymentError) as error:
        reject_proof(proof.pk, actor=aceh_curator, reason="Tidak ada")
    assert error.value.code == PaymentErrorCode.OUT_OF_SCOPE
    proof.refresh_from_db()
    assert proof.status == ProofStatus.SUBMITTED


def test_a_reviewed_proof_cannot_be_rejected_again(proof, bali_curator):
    reject_proof(proof.pk, actor=bali_curator, reason="Buram")
    with pytest.raises(PaymentError) as error:
        reject_proof(proof.pk, actor=bali_curator, reason="Lagi")
    assert error.value.code == PaymentErrorCode.INVALID_STATUS
    proof.refresh_from_db()
    assert proof.rejection_reason == "Buram"
