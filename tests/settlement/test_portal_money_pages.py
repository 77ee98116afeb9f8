import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.settlement.models import PayoutAccountRequest
from marketplace.settlement.payouts import mark_batch_paid, run_payouts
from marketplace.settlement.postings import (
    post_fulfillment_delivered,
    post_fulfillment_reversed,
    post_payment_confirmed,
)
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.settlement import PayoutAccountFactory, paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, group_member):
    client.force_login(group_member)
    return client


def this_month_url(name):
    today = timezone.localdate()
    if name == "statement":
        return reverse("settlement_portal:statement", args=[today.year, today.month])
    return reverse("settlement_portal:statement_download", args=[today.year, today.month, name])


def sell_and_pay_out(group):
    PayoutAccountFactory(group=group, bank_code="014", account_number="1234567890")
    order = paid_order({group: [100_000, 50_000]}, shipping=10_000, percent="10")
    post_payment_confirmed(order)
    post_fulfillment_reversed(order.fulfillments.get(), order_lines=[order.lines.last()])
    post_fulfillment_delivered(order.fulfillments.get())
    mark_batch_paid(run_payouts(minimum=1).pk, actor=None)
    return order


def test_money_pages_need_a_login(client):
    response = client.get(reverse("settlement_portal:balance"))

    assert response.status_code == 302
    assert "next=/portal/keuangan/" in response["Location"]


def test_a_user_without_a_group_gets_404(client):
    client.force_login(GroupMemberFactory(is_active=False).user)

    assert client.get(reverse("settlement_portal:balance")).status_code == 404


def test_balance_shows_pending_payable_and_paid_in_rupiah(member_client, group):
    sell_and_pay_out(group)
    other = paid_order({group: [20_000]}, shipping=0, percent="0")
    post_payment_confirmed(other)

    response = member_client.get(reverse("settlement_portal:balance"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-balance="pending">Rp 20.000<' in html
    assert 'data-balance="payable">Rp 0<' in html
    assert 'data-balance="paid">Rp 100.000<' in html
    assert "•••• 7890" in html and "1234567890" not in html
    assert "Saldo" in html  # Indonesian by default


def test_statement_lists_every_line_commission_refund_and_payout(member_client, group):
    order = sell_and_pay_out(group)

    response = member_client.get(this_month_url("statement"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(f"#{order.number}") == 4  # two lines, shipping, the refund
    assert "Rp 100.000" in html and "Rp 90.000" in html and "-Rp 45.000" in html


def test_money_on_the_money_pages_stays_on_one_line(member_client, group):
    sell_and_pay_out(group)

    html = member_client.get(this_month_url("statement")).content.decode()

    assert ".money .amount, .money .row strong { white-space: nowrap; }" in html
    assert '<span class="rp">Rp 100.000</span>' in html
    assert '<strong data-total="shipping">Rp 10.000</strong>' in html


def test_statement_csv_has_one_row_per_line_refund_and_payout(member_client, group):
    order = sell_and_pay_out(group)

    response = member_client.get(this_month_url("csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Tanggal",
        "Jenis",
        "Pesanan",
        "Keterangan",
        "Penjualan barang (Rp)",
        "Ongkos kirim (Rp)",
        "Komisi (Rp)",
        "Bagian kelompok (Rp)",
        "Pembayaran (Rp)",
    ]
    amounts = [row[4:] for row in rows[1:]]
    assert amounts == [
        ["100000", "0", "10000", "90000", "0"],
        ["50000", "0", "5000", "45000", "0"],
        ["0", "10000", "0", "10000", "0"],
        ["-50000", "0", "-5000", "-45000", "0"],
        ["0", "0", "0", "0", "100000"],
        ["100000", "10000", "10000", "100000", "100000"],
    ]
    assert rows[1][2] == str(order.number)


def test_statement_pdf_is_a_pdf(member_client, group):
    sell_and_pay_out(group)

    response = member_client.get(this_month_url("pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 1000


def test_another_groups_payout_is_404(member_client, group):
    other = UppksGroupFactory()
    sell_and_pay_out(other)
    line = other.payout_lines.get()

    response = member_client.get(reverse("settlement_portal:payout", args=[line.pk]))

    assert response.status_code == 404


def test_member_asks_to_change_the_payout_account(member_client, group, group_member):
    response = member_client.post(
        reverse("settlement_portal:payout_account"),
        {"bank_code": "451", "account_number": "7123-456-789", "holder_name": "UPPKS Mawar"},
    )

    assert response.status_code == 302
    request = PayoutAccountRequest.objects.get()
    assert (request.group, request.account_number, request.requested_by) == (
        group,
        "7123456789",
        group_member,
    )


def test_malformed_account_number_is_shown_on_the_form_and_nothing_saved(member_client):
    response = member_client.post(
        reverse("settlement_portal:payout_account"),
        {"bank_code": "014", "account_number": "12ab", "holder_name": "UPPKS Mawar"},
    )

    assert response.status_code == 200
    assert "Nomor rekening di Bank Central Asia (BCA) terdiri dari 10 angka" in (
        response.content.decode()
    )
    assert not PayoutAccountRequest.objects.exists()


def test_unknown_download_format_is_404(member_client):
    today = timezone.localdate()
    url = reverse("settlement_portal:statement_download", args=[today.year, today.month, "xls"])

    assert member_client.get(url).status_code == 404
