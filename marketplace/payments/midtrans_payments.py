"""Paying an order by QRIS, bank virtual account or e-wallet through Midtrans or Xendit.

Settings choose the provider (``ONLINE_PAYMENT_GATEWAY``, else whichever is configured), each
channel is offered only when its provider is configured. One transaction per channel tried; the
provider's order id (Midtrans) or reference id and idempotency key (Xendit) is its token. A
page reload finds the open charge and shows it again (never a second QR for the same channel
while one is live). The provider is called between transactions, never inside one. Money
arrives only through ``services.record_charge`` (notification or status look-up), so it is
applied once.
"""

import logging
import math
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.orders.models import Order, PaymentMethod

from .errors import PaymentError, PaymentErrorCode
from .gateways import GatewayError, PaymentSession, get_gateway
from .gateways.midtrans import CHANNELS as MIDTRANS_CHANNELS
from .gateways.xendit_gateway import CHANNELS as XENDIT_CHANNELS
from .locks import locked_order, locked_transaction
from .models import TransactionEventType, TransactionGateway, TransactionItem, TransactionStatus
from .records import add_event, flag_for_staff
from .services import ensure_payable

logger = logging.getLogger("marketplace.payments")

MIDTRANS_METHODS = (
    PaymentMethod.QRIS,
    PaymentMethod.VIRTUAL_ACCOUNT,
    PaymentMethod.EWALLET,
    PaymentMethod.CSTORE,
)
ONLINE_GATEWAYS = (TransactionGateway.MIDTRANS, TransactionGateway.XENDIT)
# provider → channel → payment method
PROVIDER_CHANNELS: dict[str, dict[str, str]] = {
    TransactionGateway.MIDTRANS: MIDTRANS_CHANNELS,
    TransactionGateway.XENDIT: XENDIT_CHANNELS,
}
# every channel of every provider → its payment method (the names do not clash in meaning)
CHANNELS = {**XENDIT_CHANNELS, **MIDTRANS_CHANNELS}

CHANNEL_NAMES = {
    "qris": "QRIS",
    "bca": "BCA Virtual Account",
    "bni": "BNI Virtual Account",
    "bri": "BRI Virtual Account (BRIVA)",
    "permata": "Permata Virtual Account",
    "mandiri": "Mandiri Bill Payment",
    "gopay": "GoPay",
    "shopeepay": "ShopeePay",
    "ovo": "OVO",
    "dana": "DANA",
    "linkaja": "LinkAja",
    "indomaret": "Indomaret",
    "alfamart": "Alfamart",
}
# Xendit's Mandiri is a plain virtual account, not Midtrans' bill payment
XENDIT_CHANNEL_NAMES = {**CHANNEL_NAMES, "mandiri": "Mandiri Virtual Account"}


def channel_name(gateway: str, channel: str) -> str:
    names = XENDIT_CHANNEL_NAMES if gateway == TransactionGateway.XENDIT else CHANNEL_NAMES
    return names.get(channel, channel)


def midtrans_configured() -> bool:
    return bool(settings.MIDTRANS_SERVER_KEY)


def xendit_configured() -> bool:
    return bool(settings.XENDIT_SECRET_KEY)


def provider_configured(provider: str) -> bool:
    if provider == TransactionGateway.MIDTRANS:
        return midtrans_configured()
    return provider == TransactionGateway.XENDIT and xendit_configured()


def online_provider() -> str:
    """The provider of QRIS / virtual accounts / e-wallets on the storefront ("" for none)."""
    chosen = settings.ONLINE_PAYMENT_GATEWAY
    if chosen in PROVIDER_CHANNELS and provider_configured(chosen):
        return chosen
    return next((p for p in PROVIDER_CHANNELS if provider_configured(p)), "")


def _switched_on(provider: str) -> list[str]:
    if provider == TransactionGateway.MIDTRANS:
        return list(settings.MIDTRANS_CHANNELS)
    return list(settings.XENDIT_CHANNELS)


def available_channels(method: str | None = None, provider: str | None = None) -> list[str]:
    """The channels switched on at ``provider`` (default: the storefront's), optionally only
    those of one payment method."""
    provider = online_provider() if provider is None else provider
    if not provider or not provider_configured(provider):
        return []
    channels = PROVIDER_CHANNELS[provider]
    return [
        channel
        for channel in _switched_on(provider)
        if channel in channels and (method is None or channels[channel] == method)
    ]


def _expiry_minutes(order: Order, provider: str) -> int:
    minutes = (
        settings.XENDIT_EXPIRY_MINUTES
        if provider == TransactionGateway.XENDIT
        else settings.MIDTRANS_EXPIRY_MINUTES
    )
    if order.expires_at:
        left = math.floor((order.expires_at - timezone.now()).total_seconds() / 60)
        minutes = min(minutes, left)
    return minutes


def _open_transaction(order_id: int, channel: str, provider: str) -> tuple[TransactionItem, int]:
    with transaction.atomic():
        order = locked_order(order_id)
        if order.payment_method not in MIDTRANS_METHODS:
            raise PaymentError(
                PaymentErrorCode.WRONG_PAYMENT_METHOD,
                _("This order is paid by another method."),
                field="payment_method",
            )
        method = PROVIDER_CHANNELS[provider][channel]
        if order.payment_method != method:
            order.payment_method = method
            order.save(update_fields=["payment_method", "updated_at"])
        ensure_payable(order, method=method)
        minutes = _expiry_minutes(order, provider)
        if minutes < 1:
            raise PaymentError(PaymentErrorCode.NOT_PAYABLE, _("This order can no longer be paid."))
        now = timezone.now()
        open_txn = next(
            (
                txn
                for txn in TransactionItem.objects.filter(
                    order=order,
                    gateway=provider,
                    channel=channel,
                    status=TransactionStatus.PENDING,
                    amount=order.total,
                ).order_by("-pk")
                if txn.expires_at is None or txn.expires_at > now
            ),
            None,
        )
        if open_txn:
            return open_txn, minutes
        txn = TransactionItem.objects.create(
            order=order,
            gateway=provider,
            name=channel_name(provider, channel),
            channel=channel,
            amount=order.total,
        )
        return txn, minutes


def start_midtrans_payment(
    order_id: int,
    *,
    channel: str,
    desktop: bool = False,
    callback_url: str = "",
    provider: str | None = None,
) -> TransactionItem:
    """The order's open charge through ``channel`` (a QR, a virtual account, a deep link) at
    ``provider`` (default: the storefront's online provider, ``online_provider()``)."""
    provider = online_provider() if provider is None else provider
    if channel not in available_channels(provider=provider):
        raise PaymentError(
            PaymentErrorCode.GATEWAY_NOT_CONFIGURED,
            _("This payment method is not available."),
            field="channel",
        )
    txn, minutes = _open_transaction(order_id, channel, provider)
    if txn.psp_reference:
        return txn
    order = txn.order
    metadata: Mapping[str, str] = {
        "channel": channel,
        "device": "desktop" if desktop else "phone",
        "order_number": str(order.number),
        "transaction_token": str(txn.token),
        "expiry_minutes": str(minutes),
        "callback_url": callback_url,
        "email": order.email,
        "first_name": order.first_name,
        "phone": order.phone,
    }
    gateway = get_gateway(provider)
    try:
        session = gateway.create_payment(
            amount=txn.amount,
            currency=txn.currency,
            metadata=metadata,
            idempotency_key=str(txn.token),
        )
    except GatewayError as exc:
        repeated = provider == TransactionGateway.MIDTRANS and exc.code == "406"
        session = _already_charged(gateway, txn) if repeated else None
        if session is None:
            _give_up(txn, exc)
    return _attach_session(txn.pk, session)


def _already_charged(gateway, txn: TransactionItem) -> PaymentSession | None:
    """Another request charged this order id first (Midtrans answers 406): take its charge."""
    try:
        return gateway.retrieve_payment(str(txn.token))
    except GatewayError:
        return None


def _give_up(txn: TransactionItem, exc: GatewayError) -> None:
    logger.warning(
        "%s %s for order #%s not started: %s", txn.gateway, txn.channel, txn.order.number, exc
    )
    with transaction.atomic():
        TransactionItem.objects.filter(pk=txn.pk, status=TransactionStatus.PENDING).update(
            status=TransactionStatus.FAILED, message=str(exc)[:2000]
        )
    raise PaymentError(
        PaymentErrorCode.GATEWAY_ERROR,
        _(
            "%(method)s is not available right now. Try again in a few minutes, choose another "
            "method, or pay by bank transfer."
        )
        % {"method": channel_name(txn.gateway, txn.channel)},
    ) from exc


def _attach_session(transaction_id: int, session: PaymentSession) -> TransactionItem:
    with transaction.atomic():
        txn = locked_transaction(transaction_id)
        if txn.psp_reference:
            return txn
        if session.amount != txn.amount or session.currency != txn.currency:
            flag_for_staff(txn, f"{txn.gateway} charged {session.amount} {session.currency}")
            raise PaymentError(
                PaymentErrorCode.AMOUNT_MISMATCH, _("The payment could not be prepared.")
            )
        txn.psp_reference = session.psp_reference
        txn.action = session.action
        txn.expires_at = session.expires_at
        txn.save(update_fields=["psp_reference", "action", "expires_at", "updated_at"])
        add_event(
            txn,
            TransactionEventType.CHARGE_ACTION_REQUIRED,
            amount=txn.amount,
            psp_reference=session.psp_reference,
            message=session.action.get("kind", ""),
            raw=session.raw,
        )
    return txn


def switch_to_bank_transfer(order_id: int) -> Order:
    """The buyer gives up on QRIS / virtual account / e-wallet and pays by bank transfer."""
    with transaction.atomic():
        order = locked_order(order_id)
        if order.payment_method not in MIDTRANS_METHODS:
            raise PaymentError(
                PaymentErrorCode.WRONG_PAYMENT_METHOD,
                _("This order is paid by another method."),
                field="payment_method",
            )
        ensure_payable(order, method=order.payment_method)
        order.payment_method = PaymentMethod.BANK_TRANSFER
        order.save(update_fields=["payment_method", "updated_at"])
    return order


def open_midtrans_transaction(order: Order) -> TransactionItem | None:
    """The newest live QRIS / virtual account / e-wallet charge of the order (either provider),
    for its payment page."""
    now = timezone.now()
    for txn in (
        order.payment_transactions.filter(
            gateway__in=ONLINE_GATEWAYS, status=TransactionStatus.PENDING
        )
        .exclude(psp_reference="")
        .order_by("-pk")
    ):
        if txn.expires_at is None or txn.expires_at > now:
            return txn
    return None


start_online_payment = start_midtrans_payment
open_online_transaction = open_midtrans_transaction
