import uuid

import pytest
from django.urls import reverse

from marketplace.core.money import format_rupiah
from marketplace.payments.models import TransactionItem
from tests.factories.payments import unpaid_order


def _page(client, order):
    return client.get(reverse("payments:order_payment", kwargs={"token": order.token}))


def test_bank_transfer_page_shows_the_account_and_the_unique_amount(client, bank_order, settings):
    response = _page(client, bank_order)
    html = response.content.decode()
    txn = TransactionItem.objects.get(order=bank_order)
    assert response.status_code == 200
    assert format_rupiah(txn.amount) in html
    assert settings.BANK_TRANSFER_ACCOUNT_NUMBER in html
    assert settings.BANK_TRANSFER_BANK_NAME in html
    assert "Unggah bukti transfer Anda" in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.usefixtures("stripe_settings")
def test_card_page_shows_the_payment_element_with_the_publishable_key(client, card_order, settings):
    response = _page(client, card_order)
    html = response.content.decode()
    txn = TransactionItem.objects.get(order=card_order)
    assert response.status_code == 200
    assert f'data-publishable-key="{settings.STRIPE_PUBLISHABLE_KEY}"' in html
    assert f'data-client-secret="{txn.client_secret}"' in html
    assert settings.STRIPE_JS_URL in html
    assert settings.STRIPE_SECRET_KEY not in html
    assert "Bayar Rp 94.000" in html


def test_paid_order_page_says_paid_and_offers_no_form(client, db):
    order = unpaid_order(paid=True)
    html = _page(client, order).content.decode()
    assert "Lunas. Terima kasih!" in html
    assert "payment-element" not in html
    assert "Unggah bukti" not in html
    assert TransactionItem.objects.count() == 0


def test_card_page_explains_when_stripe_is_unreachable(client, card_order, settings):
    settings.STRIPE_SECRET_KEY = ""
    html = _page(client, card_order).content.decode()
    assert "Pembayaran kartu sedang tidak tersedia" in html


def test_unknown_order_token_is_not_found(client, db):
    response = client.get(reverse("payments:order_payment", kwargs={"token": uuid.uuid4()}))
    assert response.status_code == 404


@pytest.mark.usefixtures("stripe_settings")
def test_returning_from_stripe_pays_the_order_only_if_stripe_says_so(
    client, card_order, localstripe
):
    import stripe

    _page(client, card_order)
    txn = TransactionItem.objects.get(order=card_order)
    url = reverse("payments:order_payment", kwargs={"token": card_order.token})
    # a forged return before any card was confirmed changes nothing
    html = client.get(
        url, {"payment_intent": txn.psp_reference, "redirect_status": "succeeded"}
    ).content.decode()
    card_order.refresh_from_db()
    assert card_order.total_charged == 0
    assert "payment-element" in html
    # after the card is confirmed at Stripe, the return look-up pays the order
    stripe_client = stripe.StripeClient(
        localstripe.api_key, base_addresses={"api": localstripe.url}
    )
    stripe_client.v1.payment_intents.update(
        txn.psp_reference, params={"payment_method": "pm_card_visa"}
    )
    stripe_client.v1.payment_intents.confirm(txn.psp_reference)
    html = client.get(url, {"payment_intent": txn.psp_reference}).content.decode()
    card_order.refresh_from_db()
    assert card_order.total_charged == 94_000
    assert "Lunas. Terima kasih!" in html
