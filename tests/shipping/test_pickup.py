"""'Minta pick-up': booking the courier from the portal, the label, the tracking number."""

import pytest

from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Fulfillment, FulfillmentStatus
from marketplace.orders.services import reject_fulfillment
from marketplace.shipping.errors import ShippingError, ShippingErrorCode
from marketplace.shipping.label import waybill_barcode_png
from marketplace.shipping.models import Shipment, ShipmentStatus
from marketplace.shipping.services import book_pickup


def test_pickup_books_the_courier_fills_the_waybill_and_pins_the_label(biteship, accepted):
    shipment = book_pickup(accepted.pk, actor=accepted.member)
    [booking] = biteship.order_calls()
    assert (booking["courier_company"], booking["courier_type"]) == ("jne", "reg")
    assert (booking["origin_postal_code"], booking["destination_postal_code"]) == (80511, 80712)
    assert booking["destination_contact_name"] == "Komang Ayu"
    assert booking["reference_id"] == f"PASAR-{accepted.composed_id}"
    order_id = next(iter(biteship.orders))
    waybill = biteship.orders[order_id]["courier"]["waybill_id"]
    shipment.refresh_from_db()
    assert (shipment.provider_order_id, shipment.waybill_id, shipment.status) == (
        order_id,
        waybill,
        ShipmentStatus.CONFIRMED,
    )
    fulfillment = Fulfillment.objects.get(pk=accepted.pk)
    assert (fulfillment.status, fulfillment.courier, fulfillment.tracking_number) == (
        FulfillmentStatus.PACKED,
        "JNE",
        waybill,
    )
    pdf = shipment.label.open("rb").read()
    assert pdf.startswith(b"%PDF-") and shipment.label.name.endswith(".pdf")
    assert f"/Title (JNE {waybill})".encode() in pdf
    assert pdf.count(b"/Subtype /Image") == 1  # the waybill barcode
    assert waybill_barcode_png(waybill).startswith(b"\x89PNG")


def test_pickup_twice_books_once(biteship, accepted):
    first = book_pickup(accepted.pk, actor=accepted.member)
    second = book_pickup(accepted.pk, actor=accepted.member)
    assert first.pk == second.pk and len(biteship.order_calls()) == 1


def test_pickup_for_a_rejected_fulfillment_is_refused_and_nothing_is_booked(biteship, accepted):
    reject_fulfillment(accepted.pk, actor=accepted.member, reason="Bahan habis")
    with pytest.raises(ShippingError) as error:
        book_pickup(accepted.pk, actor=accepted.member)
    assert error.value.code == ShippingErrorCode.INVALID_STATUS
    assert error.value.message == (
        "Penjemputan tidak bisa diminta untuk kiriman yang berstatus “Ditolak”."
    )
    assert biteship.order_calls() == []
    assert Shipment.objects.get(fulfillment=accepted).provider_order_id is None


def test_pickup_to_a_destination_not_served_is_refused_and_nothing_changes(biteship, accepted):
    biteship.not_served_postal_codes = {"80712"}
    with pytest.raises(ShippingError) as error:
        book_pickup(accepted.pk, actor=accepted.member)
    assert error.value.code == ShippingErrorCode.DESTINATION_NOT_SERVED
    assert error.value.message == "Kurir tidak melayani alamat ini. Kirim paketnya sendiri."
    shipment = Shipment.objects.get(fulfillment=accepted)
    assert (shipment.provider_order_id, shipment.booked_at, shipment.label.name) == (None, None, "")
    assert Fulfillment.objects.get(pk=accepted.pk).status == FulfillmentStatus.ACCEPTED


def test_pickup_while_the_courier_api_is_down_can_be_retried(biteship, accepted):
    biteship.down = True
    with pytest.raises(ShippingError) as error:
        book_pickup(accepted.pk, actor=accepted.member)
    assert error.value.code == ShippingErrorCode.COURIER_UNAVAILABLE
    assert Shipment.objects.get(fulfillment=accepted).booked_at is None
    biteship.down = False
    assert book_pickup(accepted.pk, actor=accepted.member).is_booked


def test_pickup_button_in_the_portal_books_and_serves_the_label(biteship, client, accepted):
    client.force_login(accepted.member)
    page = client.get(f"/portal/pesanan/{accepted.pk}/").content.decode()
    assert "Minta pick-up" in page
    response = client.post(f"/shipping/portal/{accepted.pk}/pick-up/")
    assert response.status_code == 302
    label = client.get(f"/shipping/portal/{accepted.pk}/label.pdf")
    assert label.status_code == 200 and label["Content-Type"] == "application/pdf"
    assert b"".join(label.streaming_content).startswith(b"%PDF")
    assert OutboxMessage.objects.filter(event="shipment_tracking_updated").count() == 0


def test_pickup_of_another_groups_fulfillment_is_not_found(biteship, client, accepted):
    from tests.factories.groups import GroupMemberFactory

    stranger = GroupMemberFactory().user
    client.force_login(stranger)
    assert client.post(f"/shipping/portal/{accepted.pk}/pick-up/").status_code == 404
    assert biteship.order_calls() == []


def test_pickup_for_a_rejected_fulfillment_in_the_portal_shows_the_error(
    biteship, client, accepted
):
    reject_fulfillment(accepted.pk, actor=accepted.member, reason="Bahan habis")
    client.force_login(accepted.member)
    response = client.post(f"/shipping/portal/{accepted.pk}/pick-up/", follow=True)
    page = response.content.decode()
    assert "Penjemputan tidak bisa diminta untuk kiriman yang berstatus “Ditolak”." in page
    assert "Minta pick-up" not in page
    assert biteship.order_calls() == []
    assert Shipment.objects.get(fulfillment=accepted).booked_at is None
