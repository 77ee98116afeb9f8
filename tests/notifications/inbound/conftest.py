import json
import time
import uuid
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.core.models import AuditEntry
from marketplace.notifications.gateways import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from marketplace.notifications.models import OutboxMessage
from tests.factories.groups import UppksGroupFactory
from tests.factories.notifications import member
from tests.factories.orders import FulfillmentFactory, OrderFactory, pay_by_bank_transfer

from .fonnte_server import FonnteStandIn, start_fonnte

INBOUND_SECRET = "rahasia-masuk-uji"
FONNTE_WEBHOOK_TOKEN = "tok-fonnte-uji-123"
FONNTE_SEND_TOKEN = "device-token-uji"


@pytest.fixture(autouse=True)
def inbound_settings(settings):
    settings.NOTIFICATION_INBOUND_SECRET = INBOUND_SECRET
    settings.NOTIFICATION_FONNTE_WEBHOOK_TOKEN = FONNTE_WEBHOOK_TOKEN
    settings.NOTIFICATION_FONNTE_DEVICE = ""
    return settings


@dataclass
class Gateway:
    """Posts to our generic inbound webhook as the signed gateway does."""

    client: Client = field(default_factory=Client)

    def post(self, text, *, sender, message_id=None, secret=INBOUND_SECRET, timestamp=None):
        body = json.dumps(
            {
                "id": message_id or f"wamid-{uuid.uuid4().hex}",
                "channel": "whatsapp",
                "from": sender,
                "text": text,
            }
        ).encode()
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        return self.client.post(
            reverse("whatsapp:inbound"),
            data=body,
            content_type="application/json",
            headers={TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: sign(secret, timestamp, body)},
        )


@pytest.fixture
def gateway(db):
    return Gateway()


@pytest.fixture
def melati(db):
    return UppksGroupFactory(name="UPPKS Melati")


@pytest.fixture
def ketua(melati):
    """An active member of UPPKS Melati who works by WhatsApp; returns the user."""
    return member(melati, email=False, whatsapp=True).user


def paid_fulfillment(group, *, quantity: int = 2):
    """A shipment of an order paid by bank transfer (as the portal's tests pay), still new."""
    fulfillment = FulfillmentFactory(group=group, order=OrderFactory(), quantity=quantity)
    pay_by_bank_transfer(fulfillment.order)
    fulfillment.refresh_from_db()
    return fulfillment


@pytest.fixture
def new_fulfillment(melati):
    """A paid order's shipment for UPPKS Melati, waiting to be accepted (2 units allocated)."""
    return paid_fulfillment(melati)


@pytest.fixture
def fonnte():
    stand_in = FonnteStandIn(token=FONNTE_SEND_TOKEN)
    server = start_fonnte(stand_in)
    try:
        yield stand_in
    finally:
        server.shutdown()
        server.server_close()


def local_number(user) -> str:
    """How the member's number arrives from WhatsApp: digits with the country code."""
    return str(user.phone).lstrip("+")


def audit_trail(obj) -> list[tuple[str, int | None, dict]]:
    """The audit log of one object: (action, actor id, changes), oldest first."""
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("pk")
        .values_list("action", "actor_id", "changes")
    )


def replies() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(event="whatsapp_reply").order_by("pk"))


def notices_about(obj) -> list[tuple[str, str]]:
    """Outbox rows about ``obj`` other than WhatsApp answers: (event, channel)."""
    return sorted(
        OutboxMessage.objects.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk))
        .exclude(event="whatsapp_reply")
        .values_list("event", "channel")
    )


@pytest.fixture
def fonnte_url(db) -> str:
    return reverse("whatsapp:fonnte_inbound", args=[FONNTE_WEBHOOK_TOKEN])
