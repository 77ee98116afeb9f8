"""POs are routed per group like consumer orders: one part per group, notices to each group
(outbox, in the PO's transaction), acceptance and shipments told to the partner."""

import pytest

from marketplace.notifications.models import OutboxMessage
from marketplace.partners.deliveries import ship_purchase_order
from marketplace.partners.models import GroupOrderStatus, PurchaseOrderGroup
from marketplace.partners.purchase_orders import LineRequest, create_purchase_order
from marketplace.partners.routing import accept_purchase_order
from marketplace.partners.wholesale import set_wholesale_offer
from tests.factories.catalog import ProductVariantFactory
from tests.factories.groups import GroupMemberFactory
from tests.factories.partners import PartnerUserFactory

pytestmark = pytest.mark.django_db


def offered():
    variant = ProductVariantFactory(price=15_000)
    set_wholesale_offer(
        group_id=variant.product.group_id,
        variant_id=variant.pk,
        min_order_quantity=50,
        lead_time_days=7,
        monthly_capacity=500,
        tiers=[(50, 12_000)],
    )
    return variant


def test_purchase_order_routed_to_each_group_with_notices_accept_and_ship():
    hotel = PartnerUserFactory()
    a, b = offered(), offered()
    members = {v.product.group_id: GroupMemberFactory(group=v.product.group).user for v in (a, b)}
    order = create_purchase_order(
        hotel.user, [LineRequest(a.pk, 60), LineRequest(b.pk, 50)], terms="net14"
    )
    parts = {p.group_id: p for p in PurchaseOrderGroup.objects.filter(purchase_order=order)}
    assert set(parts) == set(members)
    assert {p.status for p in parts.values()} == {GroupOrderStatus.NEW}
    routed = OutboxMessage.objects.filter(event="purchase_order_routed")
    assert {m.recipient for m in routed} >= {u.email for u in members.values()}
    assert all(order.number in str(m.context) for m in routed)

    group_a = a.product.group_id
    accept_purchase_order(members[group_a], group_id=group_a, order_id=order.pk)
    accept_purchase_order(members[group_a], group_id=group_a, order_id=order.pk)  # idempotent
    accepted = OutboxMessage.objects.filter(event="purchase_order_accepted")
    assert [m.recipient for m in accepted] == [hotel.user.email]
    line_a = order.lines.get(group_id=group_a)
    ship_purchase_order(
        members[group_a], group_id=group_a, order_id=order.pk, quantities={line_a.pk: 20}
    )
    assert PurchaseOrderGroup.objects.get(pk=parts[group_a].pk).status == GroupOrderStatus.SHIPPED
    ship_purchase_order(
        members[group_a], group_id=group_a, order_id=order.pk, quantities={line_a.pk: 40}
    )
    part = PurchaseOrderGroup.objects.get(pk=parts[group_a].pk)
    assert part.status == GroupOrderStatus.DELIVERED and part.delivered_at is not None
    assert OutboxMessage.objects.filter(event="purchase_order_shipped").count() == 2


def test_purchase_order_group_without_lines_cannot_accept():
    from marketplace.partners.errors import PartnerError

    hotel = PartnerUserFactory()
    a = offered()
    order = create_purchase_order(hotel.user, [LineRequest(a.pk, 50)], terms="now")
    stranger = GroupMemberFactory()
    with pytest.raises(PartnerError) as caught:
        accept_purchase_order(stranger.user, group_id=stranger.group_id, order_id=order.pk)
    assert "tidak berisi barang untuk kelompok Anda" in caught.value.message
    assert PurchaseOrderGroup.objects.get().status == GroupOrderStatus.NEW


def test_purchase_order_notices_delivered_in_indonesian_over_smtp(smtp_server):
    from marketplace.notifications.delivery import deliver_message

    hotel = PartnerUserFactory(account__partner__name="Hotel Segara Kuta")
    variant = offered()
    member = GroupMemberFactory(group=variant.product.group, user__email="ketua@example.id").user
    order = create_purchase_order(hotel.user, [LineRequest(variant.pk, 60)], terms="net14")
    accept_purchase_order(member, group_id=variant.product.group_id, order_id=order.pk)
    line = order.lines.get()
    ship_purchase_order(member, group_id=line.group_id, order_id=order.pk, quantities={line.pk: 60})
    for message in OutboxMessage.objects.order_by("pk"):
        assert deliver_message(message.pk).status == "sent"
    mails = {mail.rcpt_tos[0] + " " + mail.subject: mail for mail in smtp_server.received()}
    routed = mails[f"ketua@example.id Pesanan pembelian baru {order.number} dari Hotel Segara Kuta"]
    assert f"60 × {variant}" in routed.text and "Rp 720.000" in routed.text
    assert "/portal/grosir/pesanan/" in routed.text
    group = variant.product.group.name
    assert f"{hotel.user.email} {group} menerima pesanan pembelian {order.number}" in mails
    shipped = [m for key, m in mails.items() if "Surat jalan SJ-" in key]
    assert len(shipped) == 1 and "Semua barang dari kelompok ini sudah terkirim." in shipped[0].text


def test_purchase_order_pay_now_unpaid_warns_the_group_in_the_portal(client):
    from django.urls import reverse

    hotel = PartnerUserFactory()
    variant = offered()
    create_purchase_order(hotel.user, [LineRequest(variant.pk, 50)], terms="now")
    client.force_login(GroupMemberFactory(group=variant.product.group).user)
    page = client.get(reverse("partners_portal:purchase_orders")).content.decode()
    assert "Belum dibayar: mitra membayar sebelum pengiriman" in page
