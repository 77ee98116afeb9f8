"""Receipts are checked by content and size, stored privately, and staff are told."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import OrderStatus
from marketplace.payments.bank_transfer import (
    order_ids_awaiting_review,
    reject_proof,
    start_bank_transfer,
    submit_proof,
)
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.models import PaymentProof, ProofKind, ProofStatus
from tests.factories.payments import EXECUTABLE_BYTES, image_bytes, pdf_bytes


def _upload(client, order, name, data, content_type="image/jpeg"):
    return client.post(
        reverse("payments:upload_proof", kwargs={"token": order.token}),
        {
            "proof": SimpleUploadedFile(name, data, content_type=content_type),
            "sender_name": "Putu W",
        },
    )


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("struk.jpg", image_bytes("JPEG"), ProofKind.JPEG),
        ("struk.png", image_bytes("PNG"), ProofKind.PNG),
        ("bukti.pdf", pdf_bytes(), ProofKind.PDF),
    ],
)
def test_receipt_is_kept_and_staff_are_told(
    client, bank_order, bali_curator, aceh_curator, name, data, kind, settings
):
    start_bank_transfer(bank_order.pk)
    # when
    response = _upload(client, bank_order, name, data)
    # then
    assert response.status_code == 302
    proof = PaymentProof.objects.get()
    assert (proof.kind, proof.size, proof.status, proof.sender_name) == (
        kind,
        len(data),
        ProofStatus.SUBMITTED,
        "Putu W",
    )
    assert proof.file.path.startswith(str(settings.PAYMENT_PROOF_ROOT))
    with proof.file.open("rb") as stored:
        assert stored.read() == data
    notices = OutboxMessage.objects.filter(event="payment_proof_submitted")
    assert list(notices.values_list("recipient", flat=True)) == [bali_curator.email]
    assert notices.get().context["order_number"] == bank_order.number


def test_page_says_staff_will_check_after_upload(client, bank_order):
    start_bank_transfer(bank_order.pk)
    response = _upload(client, bank_order, "struk.jpg", image_bytes())
    page = client.get(response["Location"])
    assert "Staf akan segera mengonfirmasi pembayaran Anda" in page.content.decode()


def test_executable_renamed_jpg_is_refused(client, bank_order, payment_log):
    start_bank_transfer(bank_order.pk)
    response = _upload(client, bank_order, "bukti.jpg", EXECUTABLE_BYTES)
    assert response.status_code == 400
    assert "JPEG, PNG atau PDF" in response.content.decode()
    assert PaymentProof.objects.count() == 0
    assert not OutboxMessage.objects.filter(event="payment_proof_submitted").exists()
    assert "payment proof refused" in payment_log.text
    assert "invalid_proof" in payment_log.text


def test_pdf_with_javascript_is_refused(bank_order):
    start_bank_transfer(bank_order.pk)
    with pytest.raises(PaymentError) as error:
        submit_proof(
            bank_order.pk,
            data=pdf_bytes(b"3 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n"),
        )
    assert error.value.code == PaymentErrorCode.INVALID_PROOF
    assert PaymentProof.objects.count() == 0


def test_gif_is_refused_even_though_it_is_an_image(bank_order):
    start_bank_transfer(bank_order.pk)
    with pytest.raises(PaymentError) as error:
        submit_proof(bank_order.pk, data=image_bytes("GIF"))
    assert error.value.code == PaymentErrorCode.INVALID_PROOF
    assert PaymentProof.objects.count() == 0


def test_50_mb_upload_is_refused_before_it_is_read(client, bank_order, payment_log):
    start_bank_transfer(bank_order.pk)
    big = b"\xff\xd8\xff\xe0" + b"\x00" * (50 * 1024 * 1024)
    response = _upload(client, bank_order, "besar.jpg", big)
    assert response.status_code == 413
    assert "terlalu besar" in response.content.decode()
    assert PaymentProof.objects.count() == 0
    assert "refused before reading" in payment_log.text


def test_too_large_file_is_refused_by_the_service_too(bank_order, settings):
    start_bank_transfer(bank_order.pk)
    with pytest.raises(PaymentError) as error:
        submit_proof(bank_order.pk, data=image_bytes() + b"\x00" * settings.PAYMENT_PROOF_MAX_BYTES)
    assert error.value.code == PaymentErrorCode.PROOF_TOO_LARGE
    assert PaymentProof.objects.count() == 0


def test_receipt_for_a_canceled_order_is_refused(bank_order):
    start_bank_transfer(bank_order.pk)
    bank_order.status = OrderStatus.CANCELED
    bank_order.save(update_fields=["status"])
    with pytest.raises(PaymentError) as error:
        submit_proof(bank_order.pk, data=image_bytes())
    assert error.value.code == PaymentErrorCode.NOT_PAYABLE
    assert PaymentProof.objects.count() == 0


def test_order_with_a_receipt_waiting_for_staff_is_listed_as_awaiting_review(
    bank_order, bali_curator
):
    start_bank_transfer(bank_order.pk)
    assert list(order_ids_awaiting_review()) == []
    proof = submit_proof(bank_order.pk, data=image_bytes())
    assert list(order_ids_awaiting_review()) == [bank_order.pk]
    reject_proof(proof.pk, actor=bali_curator, reason="Buram")
    assert list(order_ids_awaiting_review()) == []
