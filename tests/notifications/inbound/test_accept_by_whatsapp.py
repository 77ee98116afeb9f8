"""TERIMA through the webhook does what the portal's accept button does, as the member."""

from django.test import Client
from django.urls import reverse

from marketplace.notifications.models import Channel
from marketplace.orders.models import FulfillmentStatus

from .conftest import audit_trail, local_number, notices_about, paid_fulfillment, replies


def test_accept_changes_the_shipment_as_the_portal_does(gateway, ketua, melati, new_fulfillment):
    # given: a twin shipment the same member accepts in the portal
    twin = paid_fulfillment(melati)
    portal = Client()
    portal.force_login(ketua)
    portal.post(reverse("portal:accept", args=[twin.pk]))
    # when
    response = gateway.post(f"terima #{new_fulfillment.order.number}", sender=local_number(ketua))
    # then
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False, "outcome": "applied"}
    new_fulfillment.refresh_from_db()
    twin.refresh_from_db()
    assert new_fulfillment.status == twin.status == FulfillmentStatus.ACCEPTED
    assert new_fulfillment.accepted_at is not None
    assert (
        audit_trail(new_fulfillment)
        == audit_trail(twin)
        == [("fulfillment_accepted", ketua.pk, {})]
    )
    assert notices_about(new_fulfillment) == notices_about(twin)


def test_accept_answers_the_member_in_indonesian(gateway, ketua, new_fulfillment):
    number = new_fulfillment.order.number
    gateway.post(f"TERIMA {number}", sender=local_number(ketua))
    (reply,) = replies()
    assert (reply.channel, reply.recipient) == (Channel.WHATSAPP, str(ketua.phone))
    assert reply.context["reply"] == (
        f"Pesanan {number} diterima untuk UPPKS Melati. Kemas pesanannya; setelah diserahkan "
        f"ke kurir, kirim: KIRIM {number} <kurir> <nomor resi>"
    )
    assert reply.subject_type == "notifications.inboundmessage"


def test_accepting_twice_is_refused_by_the_same_rule_as_the_portal(gateway, ketua, new_fulfillment):
    number = new_fulfillment.order.number
    gateway.post(f"TERIMA {number}", sender=local_number(ketua))
    response = gateway.post(f"TERIMA {number}", sender=local_number(ketua))
    assert response.json()["outcome"] == "refused"
    assert audit_trail(new_fulfillment) == [("fulfillment_accepted", ketua.pk, {})]
    assert replies()[-1].context["reply"] == (
        "Kiriman berstatus “Diterima” tidak dapat diterima.\nKirim BANTUAN untuk daftar perintah."
    )
