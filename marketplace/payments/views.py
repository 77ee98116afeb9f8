"""The order's payment page, the proof upload and the Stripe webhook. Rules live in services."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from marketplace.core.security import payment_provider_csp
from marketplace.orders.models import Order, PaymentMethod

from .bank_transfer import start_bank_transfer, submit_proof
from .errors import PaymentError
from .forms import ProofUploadForm
from .gateways import GatewayError, WebhookVerificationError
from .midtrans_payments import MIDTRANS_METHODS, start_midtrans_payment, switch_to_bank_transfer
from .models import PaymentProof, TransactionGateway, TransactionStatus
from .online_views import is_desktop, online_page
from .proofs import too_large_error
from .services import start_card_payment, sync_card_payment
from .webhooks import UNKNOWN_PAYMENT, handle_webhook

logger = logging.getLogger("marketplace.payments")

MULTIPART_OVERHEAD = 64 * 1024


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _page(request, order: Order, *, form=None, error: str = "", status: int = 200):
    if order.payment_method in MIDTRANS_METHODS:
        return online_page(request, order, error=error, status=status)
    transaction = None
    if order.can_confirm_payment() and order.total_charged == 0:
        try:
            if order.payment_method == PaymentMethod.CARD:
                transaction = start_card_payment(order.pk)
            else:
                transaction = start_bank_transfer(order.pk)
        except PaymentError as err:
            error = error or err.message
    if transaction is None:
        transaction = order.payment_transactions.order_by("-pk").first()
    proofs = (
        PaymentProof.objects.filter(transaction=transaction)
        if transaction and transaction.gateway == TransactionGateway.BANK_TRANSFER
        else PaymentProof.objects.none()
    )
    context = {
        "order": order,
        "transaction": transaction,
        "is_card": order.payment_method == PaymentMethod.CARD,
        "is_paid": order.total_charged > 0,
        "can_pay": order.can_confirm_payment() and order.total_charged == 0,
        "proofs": proofs,
        "waiting_for_staff": any(p.status == "submitted" for p in proofs),
        "form": form or ProofUploadForm(),
        "error": error,
        "bank_name": settings.BANK_TRANSFER_BANK_NAME,
        "bank_account_number": settings.BANK_TRANSFER_ACCOUNT_NUMBER,
        "bank_account_holder": settings.BANK_TRANSFER_ACCOUNT_HOLDER,
        "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "stripe_js_url": settings.STRIPE_JS_URL,
        "max_proof_mb": round(settings.PAYMENT_PROOF_MAX_BYTES / 1_048_576, 1),
        "title": _("Pay for order #%(number)s") % {"number": order.number},
    }
    return render(request, "payments/order_payment.html", context, status=status)


@payment_provider_csp
@require_GET
def order_payment(request, token):
    """Bank transfer instructions or the card form; after Stripe's redirect, ask Stripe."""
    order = get_object_or_404(Order, token=token)
    if request.GET.get("payment_intent"):
        transaction = order.payment_transactions.filter(
            psp_reference=request.GET["payment_intent"], status=TransactionStatus.PENDING
        ).first()
        if transaction:
            sync_card_payment(transaction.pk)
        order.refresh_from_db()
    return _page(request, order)


@payment_provider_csp
@require_POST
def upload_proof(request, token):
    order = get_object_or_404(Order, token=token)
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > settings.PAYMENT_PROOF_MAX_BYTES + MULTIPART_OVERHEAD:
        logger.warning(
            "payment proof for order #%s refused before reading: %s bytes from %s",
            order.number,
            declared,
            _client_ip(request),
        )
        return _page(request, order, error=too_large_error(declared).message, status=413)
    form = ProofUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, order, form=form, status=400)
    upload = form.cleaned_data["proof"]
    if upload.size > settings.PAYMENT_PROOF_MAX_BYTES:
        logger.warning("payment proof for order #%s refused: %s bytes", order.number, upload.size)
        return _page(
            request, order, form=form, error=too_large_error(upload.size).message, status=413
        )
    try:
        submit_proof(order.pk, data=upload.read(), sender_name=form.cleaned_data["sender_name"])
    except PaymentError as err:
        return _page(request, order, form=form, error=err.message, status=400)
    messages.success(request, _("Thank you. Staff will check your transfer and confirm the order."))
    return redirect("payments:order_payment", token=order.token)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's notifications: verified by signature, applied once; never trusted otherwise."""
    try:
        result = handle_webhook(TransactionGateway.STRIPE, request.body, request.headers)
    except WebhookVerificationError as exc:
        logger.warning("stripe webhook refused from %s: %s", _client_ip(request), exc)
        return JsonResponse({"error": "invalid_signature", "message": str(exc)}, status=400)
    except GatewayError as exc:
        logger.error("stripe webhook cannot be verified: %s", exc)
        return JsonResponse({"error": "not_configured", "message": str(exc)}, status=503)
    return JsonResponse(
        {
            "received": True,
            "event": result.event_id,
            "outcome": result.outcome,
            "message": result.message,
            "duplicate": result.duplicate,
        }
    )


@csrf_exempt
@require_POST
def midtrans_notification(request):
    """Midtrans' HTTP notification: verified by its signature_key, applied once."""
    try:
        result = handle_webhook(TransactionGateway.MIDTRANS, request.body, request.headers)
    except WebhookVerificationError as exc:
        logger.warning("midtrans notification refused from %s: %s", _client_ip(request), exc)
        return JsonResponse({"error": "invalid_signature", "message": str(exc)}, status=400)
    except GatewayError as exc:
        logger.error("midtrans notification cannot be verified: %s", exc)
        return JsonResponse({"error": "not_configured", "message": str(exc)}, status=503)
    status = 404 if result.message == UNKNOWN_PAYMENT else 200
    return JsonResponse(
        {
            "received": status == 200,
            "event": result.event_id,
            "outcome": result.outcome,
            "message": result.message,
            "duplicate": result.duplicate,
        },
        status=status,
    )


@csrf_exempt
@require_POST
def xendit_callback(request):
    """Xendit's callbacks: authenticated by the ``x-callback-token`` header, applied once."""
    try:
        result = handle_webhook(TransactionGateway.XENDIT, request.body, request.headers)
    except WebhookVerificationError as exc:
        logger.warning("xendit callback refused from %s: %s", _client_ip(request), exc)
        return JsonResponse({"error": "invalid_callback_token", "message": str(exc)}, status=403)
    except GatewayError as exc:
        logger.error("xendit callback cannot be verified: %s", exc)
        return JsonResponse({"error": "not_configured", "message": str(exc)}, status=503)
    status = 404 if result.message == UNKNOWN_PAYMENT else 200
    return JsonResponse(
        {
            "received": status == 200,
            "event": result.event_id,
            "outcome": result.outcome,
            "message": result.message,
            "duplicate": result.duplicate,
        },
        status=status,
    )


@require_GET
def order_payment_status(request, token):
    """What the payment page polls: paid or not, nothing else about the order."""
    order = get_object_or_404(Order, token=token)
    return JsonResponse(
        {
            "paid": order.total_charged > 0,
            "status": order.status,
            "payable": order.can_confirm_payment() and order.total_charged == 0,
        },
        headers={"Cache-Control": "no-store"},
    )


@require_POST
def start_online_payment(request, token):
    """The buyer picks a channel (QRIS, a bank's virtual account, GoPay, ShopeePay)."""
    order = get_object_or_404(Order, token=token)
    channel = request.POST.get("channel", "")
    try:
        start_midtrans_payment(
            order.pk,
            channel=channel,
            desktop=is_desktop(request),
            callback_url=request.build_absolute_uri(
                reverse("payments:order_payment", kwargs={"token": order.token})
            ),
        )
    except PaymentError as err:
        order.refresh_from_db()
        return _page(request, order, error=err.message, status=400 if err.field else 503)
    return redirect("payments:order_payment", token=order.token)


@require_POST
def pay_by_bank_transfer(request, token):
    """The buyer leaves QRIS / virtual account / e-wallet for a manual bank transfer."""
    order = get_object_or_404(Order, token=token)
    try:
        switch_to_bank_transfer(order.pk)
    except PaymentError as err:
        return _page(request, order, error=err.message, status=400)
    return redirect("payments:order_payment", token=order.token)
