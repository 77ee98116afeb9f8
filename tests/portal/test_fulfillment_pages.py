from django.test import Client
from django.urls import reverse

from marketplace.catalog.models import Stock
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.models import Fulfillment, FulfillmentStatus
from tests.factories.orders import FulfillmentFactory, OrderFactory


def test_new_orders_waiting_are_listed(portal, own_fulfillment, group_a):
    FulfillmentFactory(group=group_a, order=OrderFactory(), quantity=1)  # unpaid: not shown
    response = portal.get(reverse("portal:fulfillments"))
    assert list(response.context["fulfillments"]) == [own_fulfillment]
    assert f"#{own_fulfillment.order.number}" in response.content.decode()


def test_detail_shows_the_packing_list_and_the_address(portal, own_fulfillment):
    response = portal.get(reverse("portal:fulfillment", args=[own_fulfillment.pk]))
    page = response.content.decode()
    line = own_fulfillment.lines.get().order_line
    assert line.product_name in page
    assert line.sku in page
    assert "Jl. Gajah Mada No. 12, RT 002/RW 001" in page
    assert "Kabupaten Klungkung" in page
    assert "Rp 85.000" in page
    assert "Terima pesanan" in page


def test_accept_pack_and_ship_from_the_phone(portal, own_fulfillment):
    url = reverse("portal:fulfillment", args=[own_fulfillment.pk])
    assert portal.post(reverse("portal:accept", args=[own_fulfillment.pk]))["Location"] == url
    portal.post(reverse("portal:pack", args=[own_fulfillment.pk]))
    response = portal.post(
        reverse("portal:ship", args=[own_fulfillment.pk]),
        {"courier": "JNE", "tracking_number": "JNE0012345"},
        follow=True,
    )
    own_fulfillment.refresh_from_db()
    assert (own_fulfillment.status, own_fulfillment.tracking_number) == (
        FulfillmentStatus.SHIPPED,
        "JNE0012345",
    )
    assert "Ditandai sudah dikirim." in response.content.decode()
    assert OutboxMessage.objects.filter(event="fulfillment_shipped").count() == 1


def test_shipping_without_a_tracking_number_shows_the_error(portal, packed):
    response = portal.post(
        reverse("portal:ship", args=[packed.pk]),
        {"courier": "JNE", "tracking_number": ""},
        follow=True,
    )
    assert "Bidang ini tidak boleh kosong." in response.content.decode()
    assert Fulfillment.objects.get(pk=packed.pk).status == FulfillmentStatus.PACKED


def test_a_refused_transition_shows_the_reason(portal, own_fulfillment):
    response = portal.post(reverse("portal:pack", args=[own_fulfillment.pk]), follow=True)
    assert "tidak dapat" in response.content.decode()
    assert Fulfillment.objects.get(pk=own_fulfillment.pk).status == FulfillmentStatus.NEW


def test_rejecting_with_a_reason_releases_the_stock(portal, own_fulfillment):
    stock = own_fulfillment.lines.get().stock
    portal.post(reverse("portal:reject", args=[own_fulfillment.pk]), {"reason": "Bahan habis"})
    own_fulfillment.refresh_from_db()
    assert (own_fulfillment.status, own_fulfillment.rejection_reason) == (
        FulfillmentStatus.REJECTED,
        "Bahan habis",
    )
    assert Stock.objects.get(pk=stock.pk).quantity_allocated == 0


def test_posts_without_the_csrf_token_are_refused(member, own_fulfillment):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(reverse("portal:accept", args=[own_fulfillment.pk]))
    assert response.status_code == 403
    assert Fulfillment.objects.get(pk=own_fulfillment.pk).status == FulfillmentStatus.NEW
