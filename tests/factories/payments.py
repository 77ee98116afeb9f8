"""Payments test data: transactions, and Stripe events signed the way Stripe signs them."""

import hashlib
import hmac
import json
import secrets
import time
from io import BytesIO

import factory
from PIL import Image

from marketplace.payments.models import TransactionGateway, TransactionItem, TransactionStatus
from tests.fixtures.stripe import WEBHOOK_SECRET

from .orders import FulfillmentFactory, OrderFactory


def unpaid_order(*, payment_method: str = "bank_transfer", quantity: int = 1, **order_fields):
    """An unpaid order with one group's fulfilment: Rp 85.000 a unit plus Rp 9.000 shipping."""
    order = OrderFactory(payment_method=payment_method, **order_fields)
    FulfillmentFactory(order=order, quantity=quantity)
    order.refresh_from_db()
    return order


class TransactionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransactionItem

    order = factory.LazyFunction(lambda: unpaid_order(payment_method="card"))
    gateway = TransactionGateway.STRIPE
    name = "Stripe"
    status = TransactionStatus.PENDING
    amount = factory.LazyAttribute(lambda txn: txn.order.total)
    psp_reference = factory.Sequence(lambda n: f"pi_test{n:08d}")
    client_secret = factory.LazyAttribute(lambda txn: f"{txn.psp_reference}_secret_x")


def stripe_event(event_type: str, obj: dict, *, event_id: str | None = None, created=None) -> dict:
    return {
        "id": event_id or f"evt_{secrets.token_hex(12)}",
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(created or time.time()),
        "livemode": False,
        "type": event_type,
        "data": {"object": obj},
    }


def payment_intent_object(
    txn, *, amount: int | None = None, currency: str = "idr", status="succeeded"
) -> dict:
    return {
        "id": txn.psp_reference,
        "object": "payment_intent",
        "amount": txn.amount * 100 if amount is None else amount,
        "currency": currency,
        "status": status,
        "metadata": {"transaction_token": str(txn.token)},
        "last_payment_error": None
        if status == "succeeded"
        else {"message": "Your card was declined."},
    }


def sign(body: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """A ``Stripe-Signature`` header value: ``t=<time>,v1=<HMAC-SHA256 of "time.body">``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def signed_post(client, event: dict, **sign_options):
    body = json.dumps(event).encode()
    return client.post(
        "/payments/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body, **sign_options),
    )


def image_bytes(fmt: str = "JPEG", size=(120, 80)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, color=(200, 120, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


def pdf_bytes(extra: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + extra
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


# An ELF executable's first bytes: what a program renamed to bukti.jpg starts with.
EXECUTABLE_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x90" * 4000
