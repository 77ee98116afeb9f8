"""Starting QRIS, virtual account and e-wallet payments through the official Xendit client
(payment requests) against the loopback Xendit API."""

import pytest

from marketplace.checkout.payment_methods import method_available
from marketplace.orders.models import OrderStatus, PaymentMethod
from marketplace.payments.errors import PaymentError, PaymentErrorCode
from marketplace.payments.midtrans_payments import (
    available_channels,
    online_provider,
    start_online_payment,
    switch_to_bank_transfer,
)
from marketplace.payments.models import (
    TransactionEventType,
    TransactionGateway,
    TransactionItem,
    TransactionStatus,
)
from tests.factories.payments import unpaid_order

pytestmark = pytest.mark.django_db


def test_qris_payment_request_keeps_the_qr_string_and_expiry(xendit):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    # when
    txn = start_online_payment(order.pk, channel="qris")
    # then
    method, path, sent = xendit.state.requests[-1]
    assert (method, path) == ("POST", "/payment_requests")
    assert sent["reference_id"] == str(txn.token)
    assert (sent["amount"], sent["currency"]) == (94_000, "IDR")
    assert sent["payment_method"]["type"] == "QR_CODE"
    assert sent["payment_method"]["qr_code"]["channel_code"] == "QRIS"
    assert sent["payment_method"]["qr_code"]["channel_properties"]["expires_at"]
    at_xendit = xendit.payment_request(str(txn.token))
    assert txn.gateway == TransactionGateway.XENDIT
    assert txn.psp_reference == at_xendit["id"]
    qr = at_xendit["payment_method"]["qr_code"]["channel_properties"]["qr_string"]
    assert txn.action == {"kind": "qr", "qr_string": qr}
    assert txn.expires_at is not None
    assert (txn.amount, txn.channel, txn.status) == (94_000, "qris", TransactionStatus.PENDING)
    assert txn.events.get().type == TransactionEventType.CHARGE_ACTION_REQUIRED


def test_qris_reload_reuses_the_open_payment_request(xendit):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    first = start_online_payment(order.pk, channel="qris")
    second = start_online_payment(order.pk, channel="qris")
    assert second.pk == first.pk
    assert len(xendit.state.payment_requests) == 1


def test_qris_repeated_request_with_the_same_key_is_one_payment_request(xendit):
    # a start that died after Xendit answered: the retry sends the same idempotency key
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    txn = start_online_payment(order.pk, channel="qris")
    TransactionItem.objects.filter(pk=txn.pk).update(psp_reference="", action={})
    again = start_online_payment(order.pk, channel="qris")
    assert again.pk == txn.pk and again.psp_reference == txn.psp_reference
    assert len(xendit.state.payment_requests) == 1


@pytest.mark.parametrize("bank", ["bca", "bni", "bri", "mandiri", "permata"])
def test_virtual_account_payment_request_per_bank(xendit, bank):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    txn = start_online_payment(order.pk, channel=bank)
    sent = xendit.state.requests[-1][2]["payment_method"]
    assert sent["type"] == "VIRTUAL_ACCOUNT"
    assert sent["virtual_account"]["channel_code"] == bank.upper()
    assert sent["virtual_account"]["channel_properties"]["customer_name"]
    at_xendit = xendit.payment_request(str(txn.token))
    props = at_xendit["payment_method"]["virtual_account"]["channel_properties"]
    assert txn.action == {"kind": "va", "bank": bank, "va_number": props["virtual_account_number"]}


def test_ewallet_on_a_phone_gets_the_deep_link(xendit):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    txn = start_online_payment(order.pk, channel="dana", callback_url="https://pasar.test/back")
    sent = xendit.state.requests[-1][2]["payment_method"]
    assert sent["ewallet"] == {
        "channel_code": "DANA",
        "channel_properties": {"success_return_url": "https://pasar.test/back"},
    }
    actions = xendit.payment_request(str(txn.token))["actions"]
    deeplink = next(a["url"] for a in actions if a["url_type"] == "DEEPLINK")
    assert txn.action == {"kind": "deeplink", "url": deeplink}


def test_ewallet_ovo_is_asked_with_the_buyers_phone(xendit):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET, phone="+6281234567890")
    start_online_payment(order.pk, channel="ovo")
    sent = xendit.state.requests[-1][2]["payment_method"]["ewallet"]
    assert sent["channel_properties"] == {"mobile_number": "+6281234567890"}


def test_ewallet_on_a_desktop_gets_a_qr_when_xendit_gives_one(xendit):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    txn = start_online_payment(order.pk, channel="shopeepay", desktop=True)
    actions = xendit.payment_request(str(txn.token))["actions"]
    qr = next(a["qr_code"] for a in actions if a["qr_code"])
    assert txn.action == {"kind": "qr", "qr_string": qr}


def test_ewallet_xendit_down_at_checkout_keeps_the_order_payable_another_way(xendit):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    xendit.state.fail_with = 503
    with pytest.raises(PaymentError) as error:
        start_online_payment(order.pk, channel="ovo")
    assert error.value.code == PaymentErrorCode.GATEWAY_ERROR
    assert error.value.message.startswith("OVO sedang tidak tersedia")
    txn = TransactionItem.objects.get()
    assert txn.status == TransactionStatus.FAILED
    order.refresh_from_db()
    assert order.status == OrderStatus.UNCONFIRMED
    # another way: once Xendit is back, QRIS; or a manual bank transfer
    xendit.state.fail_with = None
    assert start_online_payment(order.pk, channel="qris").psp_reference
    assert switch_to_bank_transfer(order.pk).payment_method == PaymentMethod.BANK_TRANSFER


def test_qris_xendit_unreachable_is_a_clear_indonesian_error(xendit, settings):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    settings.XENDIT_API_BASE_URL = "http://127.0.0.1:9"
    with pytest.raises(PaymentError) as error:
        start_online_payment(order.pk, channel="qris")
    assert error.value.message == (
        "QRIS sedang tidak tersedia. Coba lagi beberapa menit lagi, pilih cara bayar lain, "
        "atau bayar dengan transfer bank."
    )
    assert TransactionItem.objects.get().status == TransactionStatus.FAILED


def test_xendit_methods_shown_only_when_configured(settings):
    settings.MIDTRANS_SERVER_KEY = ""
    settings.XENDIT_SECRET_KEY = ""
    assert online_provider() == ""
    assert available_channels() == []
    assert not method_available(PaymentMethod.QRIS)
    settings.XENDIT_SECRET_KEY = "xnd_development_x"
    settings.XENDIT_CHANNELS = ["qris", "bca"]
    assert online_provider() == TransactionGateway.XENDIT
    assert available_channels() == ["qris", "bca"]
    assert method_available(PaymentMethod.QRIS)
    assert method_available(PaymentMethod.VIRTUAL_ACCOUNT)
    assert not method_available(PaymentMethod.EWALLET)


def test_settings_choose_xendit_over_midtrans(settings):
    settings.MIDTRANS_SERVER_KEY = "SB-Mid-server-x"
    settings.XENDIT_SECRET_KEY = "xnd_development_x"
    settings.ONLINE_PAYMENT_GATEWAY = ""
    assert online_provider() == TransactionGateway.MIDTRANS
    settings.ONLINE_PAYMENT_GATEWAY = "xendit"
    assert online_provider() == TransactionGateway.XENDIT
    assert "ovo" in available_channels("ewallet")


def test_qris_channel_switched_off_is_refused(xendit, settings):
    settings.XENDIT_CHANNELS = ["bca"]
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    with pytest.raises(PaymentError) as error:
        start_online_payment(order.pk, channel="qris")
    assert error.value.code == PaymentErrorCode.GATEWAY_NOT_CONFIGURED
    assert not TransactionItem.objects.exists() and not xendit.state.requests
