"""The spellings the parser tolerates work end to end, through both webhooks, and the answer
goes out ahead of bulk mail."""

import json

import pytest
from django.test import Client

from marketplace.notifications.models import Priority
from marketplace.orders.models import FulfillmentStatus

from .conftest import audit_trail, local_number, replies
from .fonnte_server import DEVICE


@pytest.mark.parametrize("spelling", ["Terima{n}", "  TERIMA   # {n} ", "*terima* {n}."])
def test_accept_in_any_spelling_through_the_signed_webhook(
    spelling, gateway, ketua, new_fulfillment
):
    number = new_fulfillment.order.number

    response = gateway.post(spelling.format(n=number), sender=local_number(ketua))

    assert response.json()["outcome"] == "applied"
    new_fulfillment.refresh_from_db()
    assert new_fulfillment.status == FulfillmentStatus.ACCEPTED
    assert audit_trail(new_fulfillment) == [("fulfillment_accepted", ketua.pk, {})]
    (reply,) = replies()
    assert reply.priority == Priority.URGENT


@pytest.mark.parametrize("spelling", ["terima#{n}", "Terima {n}"])
def test_accept_in_any_spelling_through_fonnte(spelling, fonnte_url, ketua, new_fulfillment):
    body = {
        "device": DEVICE,
        "sender": local_number(ketua),
        "message": spelling.format(n=new_fulfillment.order.number),
        "member": "",
        "inboxid": "77",
    }

    response = Client().post(fonnte_url, json.dumps(body), content_type="application/json")

    assert response.json()["outcome"] == "applied"
    new_fulfillment.refresh_from_db()
    assert new_fulfillment.status == FulfillmentStatus.ACCEPTED
