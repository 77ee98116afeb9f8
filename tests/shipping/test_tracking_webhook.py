"""Biteship's tracking webhooks: signature, unknown waybills, fulfilment states, the buyer told."""

import json

import pytest

from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Fulfillment, FulfillmentStatus, OrderStatus
from marketplace.settlement.models import AccountKind, LedgerAccount, LedgerTransaction
from marketplace.shipping.models import Shipment, ShipmentStatus, TrackingEvent
from marketplace.shipping.services import book_pickup, normalize_status
from tests.fixtures.biteship import WEBHOOK_SECRET

URL = "/shipping/webhooks/biteship/"


@pytest.fixture
def booked(biteship, accepted):
    shipment = book_pickup(accepted.pk, actor=accepted.member)
    return shipment


def post(client, payload, secret=WEBHOOK_SECRET):
    return client.post(
        URL,
        data=json.dumps(payload),
        content_type="application/json",
        headers={"X-Biteship-Signature": secret},
    )


def state(shipment):
    fulfillment = Fulfillment.objects.get(pk=shipment.fulfillment_id)
    shipment.refresh_from_db()
    return fulfillment.status, shipment.status, TrackingEvent.objects.count()


def test_tracking_webhook_moves_the_fulfillment_to_shipped_then_delivered(biteship, client, booked):
    picked = biteship.webhook_payload(booked.provider_order_id, "picked")
    assert post(client, picked).json() == {"ok": True, "result": "status"}
    assert state(booked) == (FulfillmentStatus.SHIPPED, ShipmentStatus.PICKED, 2)
    fulfillment = Fulfillment.objects.get(pk=booked.fulfillment_id)
    assert fulfillment.tracking_number == booked.waybill_id and fulfillment.courier == "JNE"
    assert OutboxMessage.objects.filter(event="fulfillment_shipped").count() == 1

    delivered = biteship.webhook_payload(booked.provider_order_id, "delivered")
    assert post(client, delivered).status_code == 200
    assert state(booked) == (FulfillmentStatus.DELIVERED, ShipmentStatus.DELIVERED, 3)
    assert fulfillment.order.__class__.objects.get(pk=fulfillment.order_id).status == (
        OrderStatus.FULFILLED
    )
    assert OutboxMessage.objects.filter(event="fulfillment_delivered").count() == 1
    # settlement released the group's share: pending → payable
    release = LedgerTransaction.objects.get(kind="release", fulfillment_id=fulfillment.pk)
    payable = LedgerAccount.objects.get(group=fulfillment.group, kind=AccountKind.PAYABLE)
    assert payable.balance > 0 and release.entries.count() == 2


def test_tracking_webhook_repeated_changes_nothing(biteship, client, booked):
    picked = biteship.webhook_payload(booked.provider_order_id, "picked")
    post(client, picked)
    before = state(booked)
    assert post(client, picked).json() == {"ok": True, "result": "duplicate"}
    assert state(booked) == before
    assert OutboxMessage.objects.filter(event="fulfillment_shipped").count() == 1


def test_tracking_webhook_with_a_bad_signature_is_refused_and_nothing_changes(
    biteship, client, booked
):
    before = state(booked)
    picked = biteship.webhook_payload(booked.provider_order_id, "picked")
    response = post(client, picked, secret="not-the-secret")
    assert response.status_code == 401
    assert response.json()["code"] == "bad_signature"
    assert state(booked) == before
    unsigned = client.post(URL, data=json.dumps(picked), content_type="application/json")
    assert unsigned.status_code == 401 and state(booked) == before


def test_tracking_webhook_for_an_unknown_waybill_is_refused_and_nothing_changes(
    biteship, client, booked
):
    before = state(booked)
    payload = biteship.webhook_payload(booked.provider_order_id, "picked")
    payload.update(order_id="000000000000000000000000", courier_waybill_id="NOPE123")
    response = post(client, payload)
    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "code": "unknown_shipment",
        "message": "Tidak ada kiriman dengan nomor order atau resi kurir ini.",
    }
    assert state(booked) == before


def test_tracking_webhook_install_check_with_an_empty_body_is_answered(client, db):
    assert client.post(URL, data=b"", content_type="application/json").status_code == 200


def test_tracking_step_the_buyer_is_not_told_elsewhere_goes_to_the_outbox(biteship, client, booked):
    payload = biteship.webhook_payload(
        booked.provider_order_id, "onHold", note="Alamat kurang jelas"
    )
    assert post(client, payload).status_code == 200
    [notice] = OutboxMessage.objects.filter(event="shipment_tracking_updated")
    assert notice.recipient == Fulfillment.objects.get(pk=booked.fulfillment_id).order.email
    assert notice.context["status"] == "Tertahan" and notice.context["note"] == (
        "Alamat kurang jelas"
    )
    assert state(booked)[:2] == (FulfillmentStatus.PACKED, ShipmentStatus.ON_HOLD)


def test_tracking_waybill_event_updates_the_tracking_number(biteship, client, booked):
    payload = {
        "event": "order.waybill_id",
        "order_id": booked.provider_order_id,
        "courier_tracking_id": booked.tracking_id,
        "courier_waybill_id": "JNE0001112223",
        "courier_company": "jne",
        "courier_type": "reg",
        "status": "allocated",
    }
    assert post(client, payload).json()["result"] == "waybill"
    assert Shipment.objects.get(pk=booked.pk).waybill_id == "JNE0001112223"
    assert Fulfillment.objects.get(pk=booked.fulfillment_id).tracking_number == "JNE0001112223"


def test_tracking_history_is_shown_on_the_buyers_order_page(biteship, client, booked):
    post(client, biteship.webhook_payload(booked.provider_order_id, "picked"))
    post(client, biteship.webhook_payload(booked.provider_order_id, "droppingOff"))
    order = Fulfillment.objects.get(pk=booked.fulfillment_id).order
    page = client.get(f"/pesanan/{order.token}/").content.decode()
    assert "Penjemputan dipesan" in page
    assert "Paket sudah dijemput" in page and "Dalam perjalanan ke pembeli" in page
    assert page.index("Paket sudah dijemput") < page.index("Dalam perjalanan ke pembeli")


def test_tracking_statuses_in_either_spelling():
    assert normalize_status("droppingOff") == "dropping_off"
    assert normalize_status("return_in_transit") == "return_in_transit"
    assert normalize_status("courierNotFound") == "courier_not_found"
