"""Paying for a cart through Saleor's transaction flow (``transactionInitialize``).

Here an order is what gets paid (stock is allocated and the unique transfer code is reserved
per order), so starting a payment places the order first, in the checkout's one transaction,
and then opens the payment on it. The order keeps the checkout's token, so the client that
calls ``checkoutComplete`` with the checkout's id afterwards finds the order it became, and a
retried start finds it too and reuses the payment already opened (never a second code, never
a second PaymentIntent).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.checkout.completion import complete_checkout
from marketplace.checkout.payment_methods import test_gateway_enabled
from marketplace.orders.models import Order, PaymentMethod

from .bank_transfer import start_bank_transfer
from .errors import PaymentError, PaymentErrorCode
from .locks import locked_order
from .midtrans_payments import ONLINE_GATEWAYS, PROVIDER_CHANNELS, start_midtrans_payment
from .models import TransactionEventType, TransactionGateway, TransactionItem, TransactionStatus
from .records import add_event
from .services import ensure_payable, record_charge, start_card_payment

PAYMENT_METHOD_OF = {
    TransactionGateway.BANK_TRANSFER: PaymentMethod.BANK_TRANSFER,
    TransactionGateway.STRIPE: PaymentMethod.CARD,
    TransactionGateway.TEST: PaymentMethod.CARD,
}


def payment_method_of(gateway: str) -> str:
    """``midtrans:<channel>`` / ``xendit:<channel>`` pays by that channel's method (QRIS,
    virtual account, e-wallet); ``cod`` is cash on delivery."""
    provider, _sep, channel = gateway.partition(":")
    if provider in ONLINE_GATEWAYS and channel:
        if channel not in PROVIDER_CHANNELS[provider]:
            raise PaymentError(
                PaymentErrorCode.GATEWAY_NOT_CONFIGURED, _("Unknown payment method.")
            )
        return PROVIDER_CHANNELS[provider][channel]
    if gateway not in PAYMENT_METHOD_OF:
        raise PaymentError(PaymentErrorCode.GATEWAY_NOT_CONFIGURED, _("Unknown payment method."))
    return PAYMENT_METHOD_OF[gateway]


def place_order_to_pay(checkout_id: int, *, gateway: str, user=None) -> Order:
    """Turn the cart into an unpaid order paid through ``gateway`` (routing, stock, notices)."""
    if gateway == TransactionGateway.TEST and not test_gateway_enabled():
        raise PaymentError(
            PaymentErrorCode.GATEWAY_NOT_CONFIGURED, _("Test payments are switched off.")
        )
    return complete_checkout(
        checkout_id,
        user=user,
        payment_method=payment_method_of(gateway),
        test_payment=gateway == TransactionGateway.TEST,
    )


def start_order_payment(order_id: int, *, gateway: str, desktop: bool = False) -> TransactionItem:
    """The order's open payment through ``gateway``, opened once; a paid one is returned as is."""
    paid = (
        TransactionItem.objects.filter(
            order_id=order_id, gateway=gateway.split(":", 1)[0], status=TransactionStatus.CHARGED
        )
        .order_by("-pk")
        .first()
    )
    if paid is not None:
        return paid
    if gateway == TransactionGateway.BANK_TRANSFER:
        return _bank_transfer(order_id)
    if gateway == TransactionGateway.STRIPE:
        return start_card_payment(order_id)
    if gateway == TransactionGateway.TEST:
        return _test_charge(order_id)
    provider, _sep, channel = gateway.partition(":")
    if provider in ONLINE_GATEWAYS and channel:
        return start_midtrans_payment(order_id, channel=channel, desktop=desktop, provider=provider)
    raise PaymentError(PaymentErrorCode.GATEWAY_NOT_CONFIGURED, _("Unknown payment method."))


def _bank_transfer(order_id: int) -> TransactionItem:
    """The open transfer with its unique amount; its first start records what is awaited."""
    txn = start_bank_transfer(order_id)
    with transaction.atomic():
        if not txn.events.exists():
            add_event(
                txn,
                TransactionEventType.CHARGE_ACTION_REQUIRED,
                amount=txn.amount,
                message=_("Waiting for a bank transfer of the exact amount."),
            )
    return txn


def _test_charge(order_id: int) -> TransactionItem:
    """Saleor's dummy gateway: record a charge of the order's total with no money moving."""
    if not test_gateway_enabled():
        raise PaymentError(
            PaymentErrorCode.GATEWAY_NOT_CONFIGURED, _("Test payments are switched off.")
        )
    with transaction.atomic():
        order = locked_order(order_id)
        ensure_payable(order, method=PaymentMethod.CARD)
        txn = TransactionItem.objects.create(
            order=order, gateway=TransactionGateway.TEST, name="Test", amount=order.total
        )
        record_charge(
            txn.pk,
            amount=order.total,
            currency=txn.currency,
            psp_reference=f"test-{txn.token}",
            raw={"test": True},
        )
    txn.refresh_from_db()
    return txn
