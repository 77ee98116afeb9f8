"""The payment gateways a checkout offers, under the ids Saleor's clients recognise.

- ``pasar.payments.bank_transfer``: transfer of the order total plus a unique code (always).
- ``saleor.app.payment.stripe``: the id of Saleor's Stripe app, which Saleor's storefront mounts
  the Stripe Payment Element for (only when both Stripe keys are set).
- ``saleor.io.dummy-payment-app``: Saleor's dummy gateway, which Saleor's storefront completes a
  test checkout with; only when ``PAYMENT_TEST_GATEWAY_ENABLED`` is on and DEBUG is on.
"""

from django.conf import settings

from marketplace.checkout.payment_methods import card_payment_available, test_gateway_enabled
from marketplace.payments.models import TransactionGateway

BANK_TRANSFER_ID = "pasar.payments.bank_transfer"
STRIPE_ID = "saleor.app.payment.stripe"
TEST_ID = "saleor.io.dummy-payment-app"

# Issue 17: one id per Midtrans channel ("pasar.payments.midtrans.qris", "….bca", "….gopay").
MIDTRANS_ID_PREFIX = "pasar.payments.midtrans."
MIDTRANS_NAMES = {
    "qris": "QRIS",
    "bca": "BCA Virtual Account",
    "bni": "BNI Virtual Account",
    "bri": "BRI Virtual Account",
    "permata": "Permata Virtual Account",
    "mandiri": "Mandiri Bill Payment",
    "gopay": "GoPay",
    "shopeepay": "ShopeePay",
    "indomaret": "Indomaret",
    "alfamart": "Alfamart",
}

# One id per Xendit channel ("pasar.payments.xendit.qris", "….bca", "….ovo").
XENDIT_ID_PREFIX = "pasar.payments.xendit."
XENDIT_NAMES = {
    "qris": "QRIS",
    "bca": "BCA Virtual Account",
    "bni": "BNI Virtual Account",
    "bri": "BRI Virtual Account",
    "mandiri": "Mandiri Virtual Account",
    "permata": "Permata Virtual Account",
    "ovo": "OVO",
    "dana": "DANA",
    "shopeepay": "ShopeePay",
    "linkaja": "LinkAja",
}

GATEWAY_OF_ID = {
    BANK_TRANSFER_ID: TransactionGateway.BANK_TRANSFER,
    STRIPE_ID: TransactionGateway.STRIPE,
    TEST_ID: TransactionGateway.TEST,
    **{
        f"{MIDTRANS_ID_PREFIX}{channel}": f"{TransactionGateway.MIDTRANS}:{channel}"
        for channel in MIDTRANS_NAMES
    },
    **{
        f"{XENDIT_ID_PREFIX}{channel}": f"{TransactionGateway.XENDIT}:{channel}"
        for channel in XENDIT_NAMES
    },
}
ID_OF_GATEWAY = {gateway: gateway_id for gateway_id, gateway in GATEWAY_OF_ID.items()}


def available_gateway_ids() -> list[str]:
    ids = [BANK_TRANSFER_ID]
    if card_payment_available():
        ids.append(STRIPE_ID)
    if test_gateway_enabled():
        ids.append(TEST_ID)
    if settings.MIDTRANS_SERVER_KEY:
        ids += [
            f"{MIDTRANS_ID_PREFIX}{channel}"
            for channel in settings.MIDTRANS_CHANNELS
            if channel in MIDTRANS_NAMES
        ]
    if settings.XENDIT_SECRET_KEY:
        ids += [
            f"{XENDIT_ID_PREFIX}{channel}"
            for channel in settings.XENDIT_CHANNELS
            if channel in XENDIT_NAMES
        ]
    return ids


def bank_account() -> dict:
    return {
        "bankName": settings.BANK_TRANSFER_BANK_NAME,
        "accountNumber": settings.BANK_TRANSFER_ACCOUNT_NUMBER,
        "accountHolder": settings.BANK_TRANSFER_ACCOUNT_HOLDER,
    }


def gateway_config(gateway_id: str) -> dict:
    """``paymentGatewayInitialize``'s ``data`` for one gateway (Stripe: the Stripe app's shape)."""
    if gateway_id == STRIPE_ID:
        return {"stripePublishableKey": settings.STRIPE_PUBLISHABLE_KEY}
    if gateway_id == BANK_TRANSFER_ID:
        return bank_account()
    return {}


def checkout_payment_gateways() -> list[dict]:
    """``PaymentGateway`` rows (Saleor's legacy listing) for the gateways available now."""
    names = {BANK_TRANSFER_ID: "Bank transfer", STRIPE_ID: "Stripe", TEST_ID: "Dummy Payment App"}
    names |= {f"{MIDTRANS_ID_PREFIX}{c}": name for c, name in MIDTRANS_NAMES.items()}
    names |= {f"{XENDIT_ID_PREFIX}{c}": name for c, name in XENDIT_NAMES.items()}
    rows = []
    for gateway_id in available_gateway_ids():
        config = [
            {"field": key, "value": str(value)} for key, value in gateway_config(gateway_id).items()
        ]
        rows.append(
            {
                "id": gateway_id,
                "name": names[gateway_id],
                "config": config,
                "currencies": [settings.CURRENCY],
            }
        )
    return rows
