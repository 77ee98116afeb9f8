"""TOLAK through the webhook rejects as the portal does: stock released, reason kept, audited."""

from django.test import Client
from django.urls import reverse

from marketplace.catalog.models import Stock
from marketplace.orders.models import FulfillmentStatus

from .conftest import audit_trail, local_number, notices_about, paid_fulfillment, replies


def _stock_of(fulfillment) -> Stock:
    return Stock.objects.get(pk=fulfillment.lines.get().stock_id)


def test_reject_changes_the_shipment_as_the_portal_does(gateway, ketua, melati, new_fulfillment):
    twin = paid_fulfillment(melati)
    portal = Client()
    portal.force_login(ketua)
    portal.post(reverse("portal:reject", args=[twin.pk]), {"reason": "stok habis"})

    response = gateway.post(
        f"TOLAK {new_fulfillment.order.number}   stok habis", sender=local_number(ketua)
    )

    assert response.json()["outcome"] == "applied"
    new_fulfillment.refresh_from_db()
    twin.refresh_from_db()
    assert new_fulfillment.status == twin.status == FulfillmentStatus.REJECTED
    assert new_fulfillment.rejection_reason == twin.rejection_reason == "stok habis"
    assert _stock_of(new_fulfillment).quantity_allocated == 0
    assert _stock_of(twin).quantity_allocated == 0
    new_fulfillment.order.refresh_from_db()
    twin.order.refresh_from_db()
    assert new_fulfillment.order.status == twin.order.status
    expected = [("fulfillment_rejected", ketua.pk, {"reason": [None, "stok habis"]})]
    assert audit_trail(new_fulfillment) == audit_trail(twin) == expected
    assert [n[0] for n in notices_about(new_fulfillment)] == [n[0] for n in notices_about(twin)]
    assert replies()[0].context["reply"] == (
        f"Pesanan {new_fulfillment.order.number} ditolak untuk UPPKS Melati. Pesanan dialihkan "
        "ke kelompok lain atau dana pembeli dikembalikan."
    )


def test_reject_without_a_reason_changes_nothing_and_says_how(gateway, ketua, new_fulfillment):
    response = gateway.post(f"tolak {new_fulfillment.order.number}", sender=local_number(ketua))

    assert response.json()["outcome"] == "refused"
    new_fulfillment.refresh_from_db()
    assert new_fulfillment.status == FulfillmentStatus.NEW
    assert _stock_of(new_fulfillment).quantity_allocated == 2
    assert audit_trail(new_fulfillment) == []
    assert replies()[0].context["reply"] == (
        "Tulis seperti ini: TOLAK 100234 stok habis\nKirim BANTUAN untuk daftar perintah."
    )
