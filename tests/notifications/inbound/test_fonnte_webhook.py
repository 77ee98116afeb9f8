"""Fonnte's incoming-message webhook, in the shapes it posts (JSON, or form fields)."""

import json

from django.test import Client

from marketplace.notifications.models import InboundMessage
from marketplace.orders.models import FulfillmentStatus

from .conftest import audit_trail, local_number, replies
from .fonnte_server import DEVICE


def _fields(sender, message, **extra):
    return {"device": DEVICE, "sender": sender, "message": message, "member": "", **extra}


def test_a_json_message_with_fonntes_id_is_applied(fonnte_url, ketua, new_fulfillment):
    body = _fields(local_number(ketua), f"TERIMA {new_fulfillment.order.number}", inboxid="42")

    response = Client().post(fonnte_url, json.dumps(body), content_type="application/json")

    assert response.json()["outcome"] == "applied"
    new_fulfillment.refresh_from_db()
    assert new_fulfillment.status == FulfillmentStatus.ACCEPTED
    message = InboundMessage.objects.get()
    assert (message.gateway, message.external_id, message.sender, message.member) == (
        "fonnte",
        "42",
        str(ketua.phone),
        ketua,
    )


def test_a_form_message_without_an_id_is_applied_once_when_fonnte_resends_it(
    fonnte_url, ketua, new_fulfillment
):
    body = _fields(local_number(ketua), f"tolak {new_fulfillment.order.number} stok habis")

    first = Client().post(fonnte_url, body)
    resent = Client().post(fonnte_url, body)

    assert first.json()["duplicate"] is False
    assert resent.json()["duplicate"] is True
    assert InboundMessage.objects.get().external_id.startswith("digest-")
    assert len(audit_trail(new_fulfillment)) == 1
    assert len(replies()) == 1


def test_the_device_must_match_when_one_is_configured(settings, fonnte_url, ketua):
    settings.NOTIFICATION_FONNTE_DEVICE = DEVICE
    response = Client().post(fonnte_url, _fields(local_number(ketua), "BANTUAN", inboxid="7"))
    assert response.json()["outcome"] == "help"


def test_a_body_without_a_sender_is_a_bad_request(fonnte_url):
    response = Client().post(fonnte_url, {"device": DEVICE, "message": "BANTUAN"})
    assert response.status_code == 400
    assert InboundMessage.objects.count() == 0


def test_only_post_is_accepted(fonnte_url):
    assert Client().get(fonnte_url).status_code == 405
