"""The staff refund page: how much can go back, and that the code goes only with the whole rest."""

import pytest
from django.urls import reverse

from marketplace.payments.bank_transfer import confirm_bank_transfer
from marketplace.payments.models import (
    Refund,
    RefundStatus,
    TransactionGateway,
    TransactionItem,
)
from marketplace.payments.refunds import request_refund

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_transfer(bank_order, bali_curator) -> TransactionItem:
    """Rp 94.000 (Rp 85.000 + Rp 9.000 shipping) paid as Rp 94.973 with the code 973."""
    txn = TransactionItem.objects.create(
        order=bank_order,
        gateway=TransactionGateway.BANK_TRANSFER,
        name="Transfer bank",
        amount=94_973,
        unique_code=973,
    )
    confirm_bank_transfer(txn.pk, actor=bali_curator, amount_received=94_973)
    txn.refresh_from_db()
    return txn


def _url(txn) -> str:
    return reverse("admin:payments_transactionitem_refund", args=[txn.pk])


def test_page_shows_the_refundable_amount_with_the_code(client, paid_transfer, bali_curator):
    client.force_login(bali_curator)
    page = client.get(_url(paid_transfer)).content.decode()
    assert "Bisa dikembalikan pada pesanan ini: Rp 94.973, termasuk kode unik Rp 973." in page
    assert (
        "Seluruh sisa: Rp 94.973, termasuk kode unik Rp 973 (mengisi Rp 94.000 juga "
        "mengembalikan seluruh sisa, termasuk kode unik). Pengembalian sebagian paling banyak "
        "Rp 93.999 dan tidak mengembalikan kode unik."
    ) in page


def test_page_after_a_partial_refund_shows_what_is_left(client, paid_transfer, bali_curator):
    request_refund(paid_transfer.order_id, amount=40_000, reason="Satu barang rusak")
    client.force_login(bali_curator)
    page = client.get(_url(paid_transfer)).content.decode()
    assert "Bisa dikembalikan pada pesanan ini: Rp 54.973, termasuk kode unik Rp 973." in page


def test_whole_rest_typed_as_on_the_statement_refunds_the_code(client, paid_transfer, bali_curator):
    client.force_login(bali_curator)
    response = client.post(
        _url(paid_transfer), {"amount": "Rp 94.973", "reason": "Pesanan dibatalkan"}, follow=True
    )
    refund = Refund.objects.get()
    assert (refund.amount, refund.unique_code, refund.status) == (94_973, 973, RefundStatus.MANUAL)
    assert "Pengembalian dana Rp 94.973 diminta, termasuk kode unik Rp 973." in (
        response.content.decode()
    )


def test_part_of_the_code_is_refused_on_the_page_and_nothing_is_written(
    client, paid_transfer, bali_curator
):
    client.force_login(bali_curator)
    response = client.post(_url(paid_transfer), {"amount": "94.500", "reason": "Salah ketik"})
    assert response.status_code == 200
    assert (
        "Tidak dapat mengembalikan Rp 94.500: kode unik Rp 973 hanya dikembalikan bersama "
        "seluruh sisa pesanan, Rp 94.973."
    ) in response.content.decode()
    assert Refund.objects.count() == 0
    paid_transfer.refresh_from_db()
    assert paid_transfer.events.filter(type="refund_request").count() == 0
