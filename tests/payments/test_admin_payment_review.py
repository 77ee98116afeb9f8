"""Staff review transfers in the admin, within their province only."""

import re

import pytest
from django.urls import reverse

from marketplace.core.money import format_rupiah
from marketplace.orders.models import OrderStatus
from marketplace.payments.bank_transfer import (
    confirm_bank_transfer,
    start_bank_transfer,
    submit_proof,
)
from marketplace.payments.forms import parse_rupiah
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


def test_amount_typed_the_indonesian_way_with_its_code_confirms(client, proof, bali_curator):
    client.force_login(bali_curator)
    txn = proof.transaction
    typed = f"Rp {txn.amount:,}".replace(",", ".")  # e.g. "Rp 94.973", as on the statement
    response = client.post(_review_url(proof), {"confirm": "1", "confirm-amount_received": typed})
    assert response.status_code == 302
    txn.refresh_from_db()
    assert (txn.status, txn.charged_value) == (TransactionStatus.CHARGED, 94_000 + txn.unique_code)


def test_wrong_amount_in_the_admin_shows_the_error_and_changes_nothing(client, proof, bali_curator):
    client.force_login(bali_curator)
    response = client.post(
        _review_url(proof), {"confirm": "1", "confirm-amount_received": 1}, follow=True
    )
    txn = proof.transaction
    expected = f"Rp {txn.amount:,}".replace(",", ".")
    assert (
        f"Jumlah diterima yang diisi Rp 1, padahal transfer harus tepat {expected}: "
        f"total pesanan Rp 94.000 ditambah kode unik {txn.unique_code}."
    ) in response.content.decode()
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


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("660973", 660973),
        ("660.973", 660973),
        ("Rp 660.973", 660973),
        ("Rp. 660.973,-", 660973),
        ("rp660.973", 660973),
        ("\u00a0Rp 1.250.000 ", 1250000),
    ],
)
def test_amounts_are_read_as_people_type_them_in_indonesia(typed, amount):
    assert parse_rupiah(typed) == amount


@pytest.mark.parametrize("typed", ["660,973", "660.97", "66.0973", "Rp", "enam ratus", "-660.973"])
def test_anything_else_is_not_an_amount(typed):
    with pytest.raises(ValueError):
        parse_rupiah(typed)


def _rupiah_typed(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def test_curator_confirms_an_amount_typed_with_thousand_dots(client, proof, bali_curator):
    client.force_login(bali_curator)
    txn = proof.transaction
    response = client.post(
        _review_url(proof),
        {"confirm": "1", "confirm-amount_received": _rupiah_typed(txn.amount)},
    )
    assert response.status_code == 302
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.CHARGED


def test_an_amount_that_is_not_whole_rupiah_is_refused_with_a_clear_error(
    client, proof, bali_curator
):
    client.force_login(bali_curator)
    response = client.post(
        _review_url(proof), {"confirm": "1", "confirm-amount_received": "660,97"}
    )
    assert response.status_code == 200
    assert "Isi rupiah utuh, mis. 660973, 660.973 atau Rp 660.973." in response.content.decode()
    proof.transaction.refresh_from_db()
    assert proof.transaction.status == TransactionStatus.PENDING


def test_review_page_uses_the_admin_theme_for_fields_and_buttons(client, proof, bali_curator):
    client.force_login(bali_curator)
    page = client.get(_review_url(proof)).content.decode()
    amount_input = re.search(r'<input[^>]*name="confirm-amount_received"[^>]*>', page)[0]
    assert 'type="text"' in amount_input
    assert 'inputmode="numeric"' in amount_input
    assert "border-base-200" in amount_input
    reason = re.search(r'<textarea[^>]*name="reject-reason"[^>]*>', page)[0]
    assert "border-base-200" in reason
    confirm = re.search(r'<button[^>]*name="confirm"[^>]*>', page, re.S)[0]
    assert "bg-primary-600" in confirm
    reject = re.search(r'<button[^>]*name="reject"[^>]*>', page, re.S)[0]
    assert "bg-red-600" in reject
    assert "Konfirmasi pembayaran" in page
    assert "Tolak bukti" in page


def test_transaction_list_and_page_show_rupiah(client, proof, bali_curator):
    client.force_login(bali_curator)
    txn = proof.transaction
    listing = client.get(reverse("admin:payments_transactionitem_changelist")).content.decode()
    assert format_rupiah(txn.amount) in listing
    page = client.get(
        reverse("admin:payments_transactionitem_change", args=[txn.pk])
    ).content.decode()
    assert format_rupiah(txn.amount) in page
    assert f">{txn.amount}<" not in page
