"""Starting QRIS, virtual account and e-wallet payments through the official Midtrans client
against the loopback Core API."""

import pytest

from marketplace.catalog.models import Stock
from marketplace.orders.models import OrderStatus, PaymentMethod
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.midtrans_payments import start_midtrans_payment, switch_to_bank_transfer
from marketplace.payments.models import TransactionEventType, TransactionItem, TransactionStatus
from tests.factories.payments import unpaid_order

pytestmark = pytest.mark.django_db


def test_qris_charge_keeps_the_qr_string_and_expiry(midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    # when
    txn = start_midtrans_payment(order.pk, channel="qris")
    # then
    sent = midtrans.state.requests[-1][2]
    assert sent["payment_type"] == "qris"
    assert sent["transaction_details"] == {"order_id": str(txn.token), "gross_amount": 94_000}
    assert sent["custom_expiry"] == {"expiry_duration": 60, "unit": "minute"}
    at_midtrans = midtrans.transaction(str(txn.token))
    assert txn.psp_reference == at_midtrans["transaction_id"]
    assert txn.action == {"kind": "qr", "qr_string": at_midtrans["qr_string"]}
    assert txn.action["qr_string"].startswith("000201")
    assert txn.expires_at is not None
    assert (txn.amount, txn.channel, txn.status) == (94_000, "qris", TransactionStatus.PENDING)
    assert txn.events.get().type == TransactionEventType.CHARGE_ACTION_REQUIRED


def test_qris_reload_reuses_the_open_charge(midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    first = start_midtrans_payment(order.pk, channel="qris")
    second = start_midtrans_payment(order.pk, channel="qris")
    assert second.pk == first.pk
    assert len(midtrans.state.transactions) == 1


@pytest.mark.parametrize("bank", ["bca", "bni", "bri"])
def test_virtual_account_charge_per_bank(midtrans, bank):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    txn = start_midtrans_payment(order.pk, channel=bank)
    sent = midtrans.state.requests[-1][2]
    assert sent["payment_type"] == "bank_transfer"
    assert sent["bank_transfer"] == {"bank": bank}
    number = midtrans.transaction(str(txn.token))["va_numbers"][0]["va_number"]
    assert txn.action == {"kind": "va", "bank": bank, "va_number": number}


def test_virtual_account_permata_number(midtrans):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    txn = start_midtrans_payment(order.pk, channel="permata")
    number = midtrans.transaction(str(txn.token))["permata_va_number"]
    assert txn.action == {"kind": "va", "bank": "permata", "va_number": number}


def test_virtual_account_mandiri_bill_key_and_biller_code(midtrans):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    txn = start_midtrans_payment(order.pk, channel="mandiri")
    sent = midtrans.state.requests[-1][2]
    assert sent["payment_type"] == "echannel"
    at_midtrans = midtrans.transaction(str(txn.token))
    assert txn.action == {
        "kind": "bill",
        "bank": "mandiri",
        "bill_key": at_midtrans["bill_key"],
        "biller_code": "70012",
    }


@pytest.mark.parametrize("wallet", ["gopay", "shopeepay"])
def test_ewallet_on_a_phone_gets_the_deeplink(midtrans, wallet):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    txn = start_midtrans_payment(
        order.pk, channel=wallet, desktop=False, callback_url="https://pasar.test/bayar"
    )
    sent = midtrans.state.requests[-1][2]
    assert sent["payment_type"] == wallet
    assert sent[wallet]["callback_url"] == "https://pasar.test/bayar"
    assert txn.action["kind"] == "deeplink"
    assert txn.action["url"].endswith(f"/{wallet}/deeplink?tref={txn.psp_reference}")


@pytest.mark.parametrize(
    ("wallet", "acquirer"), [("gopay", "gopay"), ("shopeepay", "airpay shopee")]
)
def test_ewallet_on_a_desktop_gets_a_qr(midtrans, wallet, acquirer):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    txn = start_midtrans_payment(order.pk, channel=wallet, desktop=True)
    sent = midtrans.state.requests[-1][2]
    assert (sent["payment_type"], sent["qris"]) == ("qris", {"acquirer": acquirer})
    assert txn.action["kind"] == "qr"


def test_choosing_a_virtual_account_for_a_qris_order_switches_its_method(midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    start_midtrans_payment(order.pk, channel="bni")
    order.refresh_from_db()
    assert order.payment_method == PaymentMethod.VIRTUAL_ACCOUNT


def test_qris_gateway_down_at_checkout_leaves_the_order_payable_by_transfer(settings, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    settings.MIDTRANS_API_BASE_URL = "http://127.0.0.1:9"  # nothing listens there
    stock_before = list(Stock.objects.values_list("quantity_allocated", flat=True))
    # when
    with pytest.raises(PaymentError) as error:
        start_midtrans_payment(order.pk, channel="qris")
    # then
    assert error.value.code == PaymentErrorCode.GATEWAY_ERROR
    assert error.value.message.startswith("QRIS sedang tidak tersedia")
    assert "transfer bank" in error.value.message
    assert TransactionItem.objects.get().status == TransactionStatus.FAILED
    order.refresh_from_db()
    assert order.status == OrderStatus.UNCONFIRMED
    assert list(Stock.objects.values_list("quantity_allocated", flat=True)) == stock_before
    # the buyer pays another way
    switch_to_bank_transfer(order.pk)
    order.refresh_from_db()
    assert order.payment_method == PaymentMethod.BANK_TRANSFER


def test_qris_gateway_error_answer_then_retry_opens_a_new_charge(midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    midtrans.state.fail_with = 500
    with pytest.raises(PaymentError):
        start_midtrans_payment(order.pk, channel="qris")
    midtrans.state.fail_with = None
    txn = start_midtrans_payment(order.pk, channel="qris")
    assert txn.status == TransactionStatus.PENDING and txn.action["kind"] == "qr"
    assert TransactionItem.objects.filter(status=TransactionStatus.FAILED).count() == 1


def test_qris_not_offered_without_a_server_key(settings, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    settings.MIDTRANS_SERVER_KEY = ""
    with pytest.raises(PaymentError) as error:
        start_midtrans_payment(order.pk, channel="qris")
    assert error.value.code == PaymentErrorCode.GATEWAY_NOT_CONFIGURED
    assert TransactionItem.objects.count() == 0


def test_qris_for_a_bank_transfer_order_is_refused(midtrans):
    order = unpaid_order(payment_method=PaymentMethod.BANK_TRANSFER)
    with pytest.raises(PaymentError) as error:
        start_midtrans_payment(order.pk, channel="qris")
    assert error.value.code == PaymentErrorCode.WRONG_PAYMENT_METHOD
    assert TransactionItem.objects.count() == 0
    assert midtrans.state.requests == []
