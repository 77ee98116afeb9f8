"""The QRIS, virtual account and e-wallet payment pages, and the status endpoint they poll."""

import re

import pytest

from marketplace.orders.models import PaymentMethod
from marketplace.payments.midtrans_payments import start_midtrans_payment
from storefront_theme.checkout_forms import CheckoutForm
from tests.factories.payments import unpaid_order

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 Mobile Safari/537.36"
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def page(client, order, agent=DESKTOP):
    return client.get(f"/payments/order/{order.token}/", HTTP_USER_AGENT=agent)


def test_qris_page_shows_the_qr_amount_countdown_and_refresh_link(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    response = page(client, order)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="qris-code"' in html and "<svg" in html
    assert "Rp 94.000" in html
    assert 'id="countdown" data-expires="' in html
    assert f"/payments/order/{order.token}/?check=1" in html
    assert "Pindai kode QR ini" in html
    # no inline script: only the static file, the site's CSP stays strict
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", html) == []
    assert "payments/online.js" in html
    csp = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_qris_page_reload_shows_the_same_qr(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    first = page(client, order).content
    second = page(client, order).content
    assert len(midtrans.state.transactions) == 1
    assert (
        re.search(rb"<svg.*?</svg>", first, re.S).group()
        == re.search(rb"<svg.*?</svg>", second, re.S).group()
    )


def test_virtual_account_page_shows_number_copy_button_and_steps(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    choose = page(client, order).content.decode()
    assert 'value="bca"' in choose and 'value="mandiri"' in choose
    response = client.post(
        f"/payments/order/{order.token}/online/", {"channel": "bca"}, HTTP_USER_AGENT=DESKTOP
    )
    assert response.status_code == 302
    html = page(client, order).content.decode()
    number = midtrans.state.transactions.popitem()[1]["va_numbers"][0]["va_number"]
    assert f'id="va-number">{number}<' in html
    assert f'data-copy="{number}"' in html
    assert "ATM BCA" in html and "Mobile banking" in html and "Internet banking" in html
    assert f"Masukkan nomor virtual account {number}." in html
    assert "Bayar sebelum" in html


def test_virtual_account_mandiri_page_shows_biller_code(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.VIRTUAL_ACCOUNT)
    client.post(f"/payments/order/{order.token}/online/", {"channel": "mandiri"})
    html = page(client, order).content.decode()
    assert 'id="biller-code">70012<' in html
    assert "Masukkan kode perusahaan 70012 (Midtrans)" in html


def test_ewallet_page_on_a_phone_links_to_the_app(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    client.post(
        f"/payments/order/{order.token}/online/", {"channel": "gopay"}, HTTP_USER_AGENT=PHONE
    )
    html = page(client, order, PHONE).content.decode()
    assert 'id="ewallet-link"' in html and "/gopay/deeplink?tref=" in html
    assert "<svg" not in html


def test_ewallet_page_on_a_desktop_shows_a_qr(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.EWALLET)
    client.post(
        f"/payments/order/{order.token}/online/", {"channel": "shopeepay"}, HTTP_USER_AGENT=DESKTOP
    )
    html = page(client, order).content.decode()
    assert 'id="qris-code"' in html and "ewallet-link" not in html


def test_qris_page_when_midtrans_is_down_offers_bank_transfer(client, settings, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    settings.MIDTRANS_API_BASE_URL = "http://127.0.0.1:9"
    response = page(client, order)
    html = response.content.decode()
    assert response.status_code == 503
    assert "QRIS sedang tidak tersedia" in html
    assert 'id="bank-transfer-form"' in html
    response = client.post(f"/payments/order/{order.token}/bank-transfer/")
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.payment_method == PaymentMethod.BANK_TRANSFER
    assert "Transfer" in page(client, order).content.decode()


def test_qris_status_endpoint(client, midtrans):
    order = unpaid_order(payment_method=PaymentMethod.QRIS)
    txn = start_midtrans_payment(order.pk, channel="qris")
    url = f"/payments/order/{order.token}/status/"
    assert client.get(url).json() == {"paid": False, "status": "unconfirmed", "payable": True}
    midtrans.set_status(str(txn.token), "settlement")
    client.get(f"/payments/order/{order.token}/?check=1")
    answer = client.get(url)
    assert answer.json() == {"paid": True, "status": "unfulfilled", "payable": False}
    assert answer.headers["Cache-Control"] == "no-store"


def test_qris_virtual_account_ewallet_offered_at_checkout_only_when_configured(settings):
    settings.MIDTRANS_SERVER_KEY = ""
    values = {v for v, _l in CheckoutForm().fields["payment_method"].choices}
    assert not values & {"qris", "virtual_account", "ewallet"}
    settings.MIDTRANS_SERVER_KEY = "SB-Mid-server-x"
    settings.MIDTRANS_CHANNELS = ["qris", "bca"]
    values = {v for v, _l in CheckoutForm().fields["payment_method"].choices}
    assert {"qris", "virtual_account"} <= values and "ewallet" not in values
