"""Which payment methods a buyer can choose now; read by the checkout services and completion."""

from django.conf import settings


def card_payment_available() -> bool:
    """Card payment needs both Stripe keys; without them a card order could never be paid."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def test_gateway_enabled() -> bool:
    """Saleor's dummy gateway marks orders paid with no money: only behind a setting, in DEBUG."""
    return bool(settings.PAYMENT_TEST_GATEWAY_ENABLED and settings.DEBUG)
