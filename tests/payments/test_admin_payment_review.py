"""Staff review transfers in the admin, within their province only."""

import pytest
from django.urls import reverse

from marketplace.orders.models import OrderStatus
from marketplace.payments.bank_transfer import (
    confirm_bank_transfer,
    start_bank_transfer,
    submit_proof,
)
from marketplace.payments.models import ProofStatus, Refund, RefundStatus, TransactionStatus
from tests.factories.payments import image_bytes


@pytest.fixture
def proof(bank_order):
    start_bank_transfer(bank_order.pk)
    return submit_proof(bank_order.pk, data=image_bytes())


def _review_url(proof):
    return reverse("admin:payments_transactionitem_review", args=[proof.transaction_id])


def test_curator_confirms_a_transfer_in_the_admin(client, proof, bali_curator):
    client.force_login(bali_curator)
    txn = proof.transaction
    assert client.get(_review_url(proof)).status_code == 200
    response = client.post(
        _review_url(proof),
        {"confirm": "1", "confirm-amount_received": txn.amount, "confirm-reference": "BRI 1"},
    )
    assert response.status_code == 302
    txn.refresh_from_db()
    txn.order.refresh_from_db()
    assert txn.status == TransactionStatus.CHARGED
    assert txn.order.status == OrderStatus.UNFULFILLED


def test_wrong_amount_in_the_admin_shows_the_error_and_changes_nothing(client, proof, bali_curator):
    client.force_login(bali_curator)
    response = client.post(
        _review_url(proof), {"confirm": "1", "confirm-amount_received": 1}, follow=True
    )
    assert "harus sama persis" in response.content.decode()
    proof.transaction.refresh_from_db()
    assert proof.transaction.status == TransactionStatus.PENDING


def test_curator_rejects_a_receipt_with_a_reason(client, proof, bali_curator):
    client.force_login(bali_curator)
    client.post(
        _review_url(proof), {"reject": "1", "reject-proof_id": proof.pk, "reject-reason": "Buram"}
    )
    proof.refresh_from_db()
    assert (proof.status, proof.rejection_reason) == (ProofStatus.REJECTED, "Buram")


def test_staff_of_another_province_see_nothing(client, proof, aceh_curator):
    client.force_login(aceh_curator)
    assert client.get(_review_url(proof)).status_code == 404
    proof_url = reverse(
        "admin:payments_transactionitem_proof", args=[proof.transaction_id, proof.pk]
    )
    assert client.get(proof_url).status_code == 404
    response = client.post(
        _review_url(proof), {"confirm": "1", "confirm-amount_received": proof.transaction.amount}
    )
    assert response.status_code == 404
    proof.transaction.refresh_from_db()
    assert proof.transaction.status == TransactionStatus.PENDING


def test_receipt_is_streamed_to_staff_only_with_its_real_type(client, proof, bali_curator):
    url = reverse("admin:payments_transactionitem_proof", args=[proof.transaction_id, proof.pk])
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(bali_curator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == image_bytes()


def test_curator_refunds_money_that_arrived_for_a_canceled_order(client, proof, bali_curator):
    txn = proof.transaction
    confirm_bank_transfer(txn.pk, actor=bali_curator, amount_received=txn.amount)
    client.force_login(bali_curator)
    url = reverse("admin:payments_transactionitem_refund", args=[txn.pk])
    response = client.post(url, {"amount": txn.amount + 1, "reason": "Terlalu banyak"}, follow=True)
    assert "Tidak dapat mengembalikan" in response.content.decode()
    assert Refund.objects.count() == 0
    response = client.post(url, {"amount": txn.amount, "reason": "Pesanan dibatalkan"})
    assert response.status_code == 302
    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (txn.amount, RefundStatus.MANUAL)
