"""KIRIM through the webhook ships as the portal's pack and ship buttons do, as the member."""

from django.test import Client
from django.urls import reverse

from marketplace.catalog.models import Stock
from marketplace.orders.models import FulfillmentStatus
from marketplace.orders.services import accept_fulfillment
from tests.factories.orders import FulfillmentFactory

from .conftest import audit_trail, local_number, notices_about, replies

SHIPPED = {"tracking_number": [None, "JP1234567890"]}


def _accepted(melati, ketua):
    fulfillment = FulfillmentFactory(group=melati, quantity=2, quantity__stock_quantity=10)
    accept_fulfillment(fulfillment.pk, actor=ketua)
    return fulfillment


def test_ship_packs_and_ships_as_the_portal_does(gateway, ketua, melati):
    mine, twin = _accepted(melati, ketua), _accepted(melati, ketua)
    portal = Client()
    portal.force_login(ketua)
    portal.post(reverse("portal:pack", args=[twin.pk]))
    portal.post(
        reverse("portal:ship", args=[twin.pk]),
        {"courier": "J&T Express", "tracking_number": "JP1234567890"},
    )

    response = gateway.post(
        f"Kirim{mine.order.number} J&T Express JP1234567890", sender=local_number(ketua)
    )

    assert response.json()["outcome"] == "applied"
    mine.refresh_from_db()
    twin.refresh_from_db()
    assert mine.status == twin.status == FulfillmentStatus.SHIPPED
    assert (mine.courier, mine.tracking_number) == ("J&T Express", "JP1234567890")
    assert (twin.courier, twin.tracking_number) == ("J&T Express", "JP1234567890")
    for fulfillment in (mine, twin):
        stock = Stock.objects.get(pk=fulfillment.lines.get().stock_id)
        assert (stock.quantity, stock.quantity_allocated) == (8, 0)
    assert (
        audit_trail(mine)
        == audit_trail(twin)
        == [
            ("fulfillment_accepted", ketua.pk, {}),
            ("fulfillment_packed", ketua.pk, {}),
            ("fulfillment_shipped", ketua.pk, SHIPPED),
        ]
    )
    assert notices_about(mine) == notices_about(twin)
    assert replies()[0].context["reply"] == (
        f"Pesanan {mine.order.number} dari UPPKS Melati dikirim dengan J&T Express, nomor resi "
        "JP1234567890. Pembeli menerima nomor resinya."
    )


def test_ship_before_accepting_is_refused_and_changes_nothing(gateway, ketua, new_fulfillment):
    notices_before = notices_about(new_fulfillment)
    response = gateway.post(
        f"KIRIM {new_fulfillment.order.number} JNE JP1", sender=local_number(ketua)
    )

    assert response.json()["outcome"] == "refused"
    new_fulfillment.refresh_from_db()
    assert new_fulfillment.status == FulfillmentStatus.NEW
    assert (new_fulfillment.courier, new_fulfillment.tracking_number) == ("", "")
    assert audit_trail(new_fulfillment) == []
    assert notices_about(new_fulfillment) == notices_before == [("fulfillment_routed", "whatsapp")]
    assert replies()[0].context["reply"].startswith("Kiriman berstatus “Baru” tidak dapat")
