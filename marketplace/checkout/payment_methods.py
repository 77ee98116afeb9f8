"""Which payment methods a buyer can choose now; read by the checkout services and completion."""

from django.conf import settings

from marketplace.payments.gateways.midtrans import CHANNELS as MIDTRANS_CHANNELS
from marketplace.payments.gateways.xendit_gateway import CHANNELS as XENDIT_CHANNELS


def card_payment_available() -> bool:
    """Card payment needs both Stripe keys; without them a card order could never be paid."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def test_gateway_enabled() -> bool:
    """Saleor's dummy gateway marks orders paid with no money: only behind a setting, in DEBUG."""
    return bool(settings.PAYMENT_TEST_GATEWAY_ENABLED and settings.DEBUG)


# Issue 17: QRIS, virtual accounts and e-wallets through Midtrans; cash on delivery.
def online_method_available(method: str) -> bool:
    """QRIS / virtual account / e-wallet: Midtrans or Xendit configured with a channel of that
    kind."""
    midtrans = settings.MIDTRANS_CHANNELS if settings.MIDTRANS_SERVER_KEY else []
    xendit = settings.XENDIT_CHANNELS if settings.XENDIT_SECRET_KEY else []
    return any(MIDTRANS_CHANNELS.get(channel) == method for channel in midtrans) or any(
        XENDIT_CHANNELS.get(channel) == method for channel in xendit
    )


def cod_enabled() -> bool:
    return settings.COD_MAX_ORDER_TOTAL > 0


def method_available(method: str) -> bool:
    """Whether the buyer may choose ``method`` now (settings decide; groups decide COD later)."""
    if method == "card":
        return card_payment_available()
    if method == "cod":
        return cod_enabled()
    if method in ("qris", "virtual_account", "ewallet", "cstore"):
        return online_method_available(method)
    return method == "bank_transfer"
