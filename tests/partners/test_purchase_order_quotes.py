"""Quote flow: a partner asks a group for a price, the group offers price and date, the partner
accepts and it becomes a purchase order; another group cannot quote for the request."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from marketplace.notifications.models import OutboxMessage
from marketplace.partners.errors import PartnerError, PartnerErrorCode
from marketplace.partners.models import PurchaseOrder, PurchaseOrderGroup, QuoteRequest
from marketplace.partners.quotes import accept_quote, offer_quote, request_quote
from tests.factories.catalog import ProductVariantFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.partners import PartnerUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hotel():
    return PartnerUserFactory(account__credit_limit=5_000_000)


def test_partner_quote_requested_offered_and_accepted_becomes_purchase_order(hotel):
    variant = ProductVariantFactory(price=25_000)
    group = variant.product.group
    member = GroupMemberFactory(group=group).user
    quote = request_quote(hotel.user, variant_id=variant.pk, quantity=500, note="Kemasan hotel")
    assert quote.group == group and quote.status == "requested"
    assert OutboxMessage.objects.filter(event="quote_requested").exists()
    by = timezone.localdate() + timedelta(days=10)
    offer_quote(member, group_id=group.pk, quote_id=quote.pk, unit_price=9_500, delivery_date=by)
    assert OutboxMessage.objects.filter(event="quote_offered", recipient=hotel.user.email).exists()
    order = accept_quote(hotel.user, quote.pk, terms="net30")
    line = order.lines.get()
    assert (line.group_id, line.quantity, line.unit_price, line.lead_time_days) == (
        group.pk,
        500,
        9_500,
        10,
    )
    assert order.total == 4_750_000 and order.terms == "net30"
    assert PurchaseOrderGroup.objects.get(purchase_order=order).group == group
    quote.refresh_from_db()
    assert quote.status == "accepted" and quote.purchase_order == order


def test_partner_quote_from_another_group_refused_in_indonesian_nothing_written(hotel):
    variant = ProductVariantFactory()
    quote = request_quote(hotel.user, variant_id=variant.pk, quantity=100)
    other = UppksGroupFactory()
    with pytest.raises(PartnerError) as caught:
        offer_quote(
            GroupMemberFactory(group=other).user,
            group_id=other.pk,
            quote_id=quote.pk,
            unit_price=1_000,
            delivery_date=timezone.localdate() + timedelta(days=3),
        )
    assert caught.value.code == PartnerErrorCode.OTHER_GROUP_QUOTE
    assert "ditujukan ke kelompok lain" in caught.value.message
    quote.refresh_from_db()
    assert quote.status == "requested" and quote.unit_price is None
    assert not OutboxMessage.objects.filter(event="quote_offered").exists()


def test_partner_quote_accept_needs_an_offer_and_the_partners_own_quote(hotel):
    variant = ProductVariantFactory()
    quote = request_quote(hotel.user, variant_id=variant.pk, quantity=100)
    with pytest.raises(PartnerError) as caught:
        accept_quote(hotel.user, quote.pk, terms="net14")
    assert caught.value.code == PartnerErrorCode.NOT_OFFERED
    offer_quote(
        GroupMemberFactory(group=variant.product.group).user,
        group_id=variant.product.group_id,
        quote_id=quote.pk,
        unit_price=10_000,
        delivery_date=timezone.localdate() + timedelta(days=5),
    )
    with pytest.raises(Http404):
        accept_quote(PartnerUserFactory().user, quote.pk, terms="net14")
    assert not PurchaseOrder.objects.exists()


def test_partner_quote_accept_over_credit_limit_writes_nothing():
    buyer = PartnerUserFactory(account__credit_limit=100_000)
    variant = ProductVariantFactory()
    quote = request_quote(buyer.user, variant_id=variant.pk, quantity=100)
    offer_quote(
        GroupMemberFactory(group=variant.product.group).user,
        group_id=variant.product.group_id,
        quote_id=quote.pk,
        unit_price=10_000,
        delivery_date=timezone.localdate() + timedelta(days=5),
    )
    with pytest.raises(PartnerError) as caught:
        accept_quote(buyer.user, quote.pk, terms="net14")
    assert caught.value.code == PartnerErrorCode.OVER_CREDIT_LIMIT
    assert not PurchaseOrder.objects.exists()
    assert QuoteRequest.objects.get().status == "offered"


def test_partner_quote_unapproved_partner_refused():
    pending = PartnerUserFactory(account__status="pending")
    with pytest.raises(PartnerError) as caught:
        request_quote(pending.user, variant_id=ProductVariantFactory().pk, quantity=10)
    assert caught.value.code == PartnerErrorCode.NOT_APPROVED
    assert not QuoteRequest.objects.exists()


def test_partner_quote_pages_request_offer_accept(client, hotel):
    variant = ProductVariantFactory(price=25_000)
    group = variant.product.group
    client.force_login(hotel.user)
    response = client.post(
        reverse("partners_storefront:quotes"),
        {"variant": variant.pk, "quantity": "300", "note": "Untuk 40 kamar"},
        follow=True,
    )
    assert f"Permintaan penawaran dikirim ke {group.name}." in response.content.decode()
    quote = QuoteRequest.objects.get()
    client.force_login(GroupMemberFactory(group=group).user)
    page = client.get(reverse("partners_portal:quotes")).content.decode()
    assert "Untuk 40 kamar" in page
    by = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = client.post(
        reverse("partners_portal:quote_offer", args=[quote.pk]),
        {"unit_price": "9000", "delivery_date": by},
        follow=True,
    )
    assert "Penawaran dikirim ke mitra." in response.content.decode()
    other_member = GroupMemberFactory().user
    client.force_login(other_member)
    response = client.post(
        reverse("partners_portal:quote_offer", args=[quote.pk]),
        {"unit_price": "1", "delivery_date": by},
        follow=True,
    )
    assert "ditujukan ke kelompok lain" in response.content.decode()
    client.force_login(hotel.user)
    page = client.get(reverse("partners_storefront:quotes")).content.decode()
    assert "Terima penawaran" in page
    response = client.post(
        reverse("partners_storefront:quote_accept", args=[quote.pk]),
        {"terms": "net14"},
        follow=True,
    )
    order = PurchaseOrder.objects.get()
    assert order.total == 2_700_000
    assert order.number in response.content.decode()


def test_partner_quote_notices_delivered_in_indonesian_over_smtp(smtp_server, hotel):
    from marketplace.notifications.delivery import deliver_message

    variant = ProductVariantFactory(price=25_000)
    group = variant.product.group
    member = GroupMemberFactory(group=group, user__email="ketua@example.id").user
    quote = request_quote(hotel.user, variant_id=variant.pk, quantity=500)
    by = timezone.localdate() + timedelta(days=10)
    offer_quote(member, group_id=group.pk, quote_id=quote.pk, unit_price=9_500, delivery_date=by)
    for message in OutboxMessage.objects.order_by("pk"):
        assert deliver_message(message.pk).status == "sent"
    requested, offered = smtp_server.received()
    assert requested.rcpt_tos == ["ketua@example.id"]
    assert f"meminta harga untuk 500 × {variant}" in requested.text
    assert "/portal/grosir/penawaran/" in requested.text
    assert offered.rcpt_tos == [hotel.user.email]
    assert offered.subject == f"{group.name} mengirim penawaran"
    assert "seharga Rp 9.500 per satuan" in offered.text and by.isoformat() in offered.text
