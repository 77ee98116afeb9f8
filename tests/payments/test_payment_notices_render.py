"""Every payments notice renders in Indonesian and English from the context it is queued with."""

import pytest

from marketplace.notifications.models import OutboxMessage
from marketplace.notifications.transports import render
from marketplace.payments.bank_transfer import (
    confirm_bank_transfer,
    reject_proof,
    start_bank_transfer,
    submit_proof,
)
from marketplace.payments.refunds import request_refund
from tests.factories.payments import image_bytes

EXPECTED = {
    "payment_proof_submitted": ("Bukti transfer perlu diperiksa", "Transfer receipt to check"),
    "payment_proof_rejected": (
        "Kami tidak dapat mengonfirmasi transfer",
        "We could not confirm your transfer",
    ),
    "payment_confirmed": ("Pembayaran diterima", "Payment received"),
    "payment_flagged": ("Pembayaran perlu diperiksa", "Payment needs review"),
}


@pytest.fixture
def queued(bank_order, bali_curator):
    txn = start_bank_transfer(bank_order.pk)
    first = submit_proof(bank_order.pk, data=image_bytes())
    reject_proof(first.pk, actor=bali_curator, reason="Buram")
    submit_proof(bank_order.pk, data=image_bytes("PNG"))
    confirm_bank_transfer(txn.pk, actor=bali_curator, amount_received=txn.amount)
    request_refund(bank_order.pk, amount=10_000, reason="Kelompok menolak")  # flags for staff
    return bank_order


@pytest.mark.parametrize("event", sorted(EXPECTED))
@pytest.mark.parametrize("language", ["id", "en"])
def test_notice_renders(queued, event, language):
    message = OutboxMessage.objects.filter(event=event).first()
    message.language = language
    rendered = render(message)
    subject, text = rendered.subject, rendered.text
    expected = EXPECTED[event][0 if language == "id" else 1]
    assert subject.startswith(expected)
    assert f"#{queued.number}" in subject
    assert "{{" not in text and "%(" not in text
