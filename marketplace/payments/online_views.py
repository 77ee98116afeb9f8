"""The payment page of a QRIS, virtual account or e-wallet order (rules live in services)."""

import re

import segno
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from marketplace.orders.models import Order, PaymentMethod

from .errors import PaymentError
from .midtrans_payments import (
    CHANNELS,
    available_channels,
    channel_name,
    online_provider,
    open_midtrans_transaction,
    start_midtrans_payment,
)
from .services import sync_card_payment
from .va_steps import cstore_steps, va_steps

PHONE_AGENT = re.compile(r"Mobi|Android|iPhone|iPad|iPod", re.IGNORECASE)


def is_desktop(request) -> bool:
    return not PHONE_AGENT.search(request.META.get("HTTP_USER_AGENT", ""))


def qr_svg(text: str) -> str:
    """The QR drawn on our side from the provider's QR string (no image from elsewhere)."""
    svg = segno.make(text, error="m").svg_inline(scale=5, border=2, dark="#111", light="#fff")
    return mark_safe(svg)  # noqa: S308 - segno draws modules as paths; no text is interpolated


def online_page(request, order: Order, *, error: str = "", status: int = 200):
    can_pay = order.can_confirm_payment() and order.total_charged == 0
    txn = open_midtrans_transaction(order) if can_pay else None
    if txn and request.GET.get("check"):
        sync_card_payment(txn.pk)  # ask Midtrans itself (the link works without JavaScript)
        order.refresh_from_db()
        can_pay = order.can_confirm_payment() and order.total_charged == 0
        txn = open_midtrans_transaction(order) if can_pay else None
    if can_pay and txn is None and not error and order.payment_method == PaymentMethod.QRIS:
        try:
            txn = start_midtrans_payment(order.pk, channel="qris", desktop=is_desktop(request))
        except PaymentError as err:
            error, status = err.message, 503
    action = txn.action if txn else {}
    context = {
        "order": order,
        "transaction": txn,
        "action": action,
        "is_paid": order.total_charged > 0,
        "can_pay": can_pay,
        "error": error,
        "desktop": is_desktop(request),
        "channel_name": channel_name(txn.gateway, txn.channel) if txn else "",
        "qr": qr_svg(action["qr_string"]) if action.get("kind") == "qr" else "",
        "steps": _steps(txn) if txn else [],
        "choices": [
            (
                kind,
                label,
                [(c, channel_name(online_provider(), c)) for c in available_channels(kind)],
            )
            for kind, label in (
                (PaymentMethod.QRIS, _("QRIS (any bank or e-wallet app)")),
                (PaymentMethod.VIRTUAL_ACCOUNT, _("Virtual account")),
                (PaymentMethod.EWALLET, _("E-wallet")),
                (PaymentMethod.CSTORE, _("Pay in cash at Indomaret or Alfamart")),
            )
            if available_channels(kind)
        ],
        "selected_kind": order.payment_method,
        "title": _("Pay for order #%(number)s") % {"number": order.number},
    }
    return render(request, "payments/online_payment.html", context, status=status)


def _steps(txn):
    action = txn.action
    if action.get("kind") == "cstore":
        return cstore_steps(txn.channel, code=action["payment_code"])
    if action.get("kind") == "bill":
        return va_steps("mandiri", number=action["bill_key"], biller_code=action["biller_code"])
    if CHANNELS.get(txn.channel) == "virtual_account" and action.get("va_number"):
        return va_steps(txn.channel, number=action["va_number"])
    return []
