"""What must change nothing: another group's order, a stranger, a forged webhook, a replay."""

import json
import time

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.notifications.gateways import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from marketplace.notifications.models import InboundMessage, OutboxMessage
from marketplace.orders.models import FulfillmentStatus
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.notifications import MemberUserFactory, member
from tests.factories.orders import FulfillmentFactory

from .conftest import (
    FONNTE_WEBHOOK_TOKEN,
    INBOUND_SECRET,
    audit_trail,
    local_number,
    paid_fulfillment,
    replies,
)


def _unchanged(fulfillment) -> None:
    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.NEW
    assert audit_trail(fulfillment) == []


def test_a_member_of_group_a_cannot_answer_for_group_bs_order(gateway, ketua):
    group_b = UppksGroupFactory(name="UPPKS Gayo")
    order_of_b = FulfillmentFactory(group=group_b)
    number = order_of_b.order.number

    response = gateway.post(f"TERIMA {number}", sender=local_number(ketua))

    assert response.json()["outcome"] == "refused"
    _unchanged(order_of_b)
    (reply,) = replies()
    assert reply.recipient == str(ketua.phone)
    assert reply.context["reply"] == (
        f"Pesanan {number} bukan untuk kelompok Anda. Periksa nomor pesanannya.\n"
        "Kirim BANTUAN untuk daftar perintah."
    )
    assert InboundMessage.objects.get().error_code == "not_your_order"


def test_an_inactive_member_is_a_stranger(gateway, melati, new_fulfillment):
    former = member(melati, whatsapp=True)
    former.is_active = False
    former.save(update_fields=["is_active"])

    response = gateway.post(
        f"TERIMA {new_fulfillment.order.number}", sender=local_number(former.user)
    )

    assert response.json()["outcome"] == "unknown_sender"
    _unchanged(new_fulfillment)


def test_an_unknown_number_changes_nothing_and_is_told_once_a_day(gateway, new_fulfillment):
    stranger = "6285799990000"

    first = gateway.post(f"TERIMA {new_fulfillment.order.number}", sender=stranger)
    second = gateway.post("BANTUAN", sender=stranger)

    assert first.json()["outcome"] == second.json()["outcome"] == "unknown_sender"
    _unchanged(new_fulfillment)
    (reply,) = replies()
    assert reply.recipient == "+6285799990000"
    assert reply.context["reply"].startswith("Nomor ini tidak terdaftar sebagai anggota aktif")
    assert InboundMessage.objects.count() == 2


def test_a_whatsapp_group_chat_is_ignored(new_fulfillment, ketua, fonnte_url):
    response = Client().post(
        fonnte_url,
        data=json.dumps(
            {
                "device": "6281100001111",
                "sender": "120363025246125888@g.us",
                "member": local_number(ketua),
                "message": f"TERIMA {new_fulfillment.order.number}",
            }
        ),
        content_type="application/json",
    )
    assert response.json()["outcome"] == "ignored"
    _unchanged(new_fulfillment)
    assert replies() == []


def _signed_body(text: str, sender: str) -> bytes:
    return json.dumps({"id": "wamid-forged", "from": sender, "text": text}).encode()


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda ts, body: {}, id="unsigned"),
        pytest.param(
            lambda ts, body: {
                TIMESTAMP_HEADER: ts,
                SIGNATURE_HEADER: sign("another-secret", ts, body),
            },
            id="wrong-secret",
        ),
        pytest.param(
            lambda ts, body: {
                TIMESTAMP_HEADER: ts,
                SIGNATURE_HEADER: sign(INBOUND_SECRET, ts, body + b" "),
            },
            id="tampered-body",
        ),
        pytest.param(
            lambda ts, body: {
                TIMESTAMP_HEADER: str(int(ts) - 3600),
                SIGNATURE_HEADER: sign(INBOUND_SECRET, str(int(ts) - 3600), body),
            },
            id="stale",
        ),
    ],
)
def test_a_forged_generic_webhook_is_refused_and_changes_nothing(headers, ketua, new_fulfillment):
    body = _signed_body(f"TERIMA {new_fulfillment.order.number}", local_number(ketua))
    response = Client().post(
        reverse("whatsapp:inbound"),
        data=body,
        content_type="application/json",
        headers=headers(str(int(time.time())), body),
    )

    assert response.status_code == 401
    _unchanged(new_fulfillment)
    assert InboundMessage.objects.count() == 0
    assert OutboxMessage.objects.filter(event="whatsapp_reply").count() == 0


def test_a_fonnte_webhook_with_a_wrong_token_is_refused(ketua, new_fulfillment):
    response = Client().post(
        reverse("whatsapp:fonnte_inbound", args=["not-the-token"]),
        data={"sender": local_number(ketua), "message": f"TERIMA {new_fulfillment.order.number}"},
    )

    assert response.status_code == 401
    _unchanged(new_fulfillment)
    assert InboundMessage.objects.count() == 0


def test_a_fonnte_webhook_for_another_device_is_refused(settings, ketua, new_fulfillment):
    settings.NOTIFICATION_FONNTE_DEVICE = "6281100001111"
    response = Client().post(
        reverse("whatsapp:fonnte_inbound", args=[FONNTE_WEBHOOK_TOKEN]),
        data={
            "device": "6289999999999",
            "sender": local_number(ketua),
            "message": f"TERIMA {new_fulfillment.order.number}",
        },
    )

    assert response.status_code == 401
    _unchanged(new_fulfillment)


def test_without_a_secret_the_webhook_trusts_nothing(settings, ketua, new_fulfillment):
    settings.NOTIFICATION_INBOUND_SECRET = ""
    body = _signed_body(f"TERIMA {new_fulfillment.order.number}", local_number(ketua))
    ts = str(int(time.time()))
    response = Client().post(
        reverse("whatsapp:inbound"),
        data=body,
        content_type="application/json",
        headers={TIMESTAMP_HEADER: ts, SIGNATURE_HEADER: sign("", ts, body)},
    )

    assert response.status_code == 503
    _unchanged(new_fulfillment)


def test_a_replayed_message_id_changes_nothing_and_sends_no_second_answer(gateway, ketua, melati):
    stock_holder = paid_fulfillment(melati, quantity=1)
    first = gateway.post(
        f"TOLAK {stock_holder.order.number} stok habis",
        sender=local_number(ketua),
        message_id="wamid-1",
    )
    stock_holder.refresh_from_db()
    rejected_at = stock_holder.rejected_at
    outbox_rows = OutboxMessage.objects.count()

    replay = gateway.post(
        f"TOLAK {stock_holder.order.number} stok habis",
        sender=local_number(ketua),
        message_id="wamid-1",
    )
    other_text = gateway.post("BANTUAN", sender=local_number(ketua), message_id="wamid-1")

    assert first.json()["duplicate"] is False
    assert replay.json() == {"received": True, "duplicate": True, "outcome": "applied"}
    assert other_text.json()["duplicate"] is True
    stock_holder.refresh_from_db()
    assert stock_holder.rejected_at == rejected_at
    assert len(audit_trail(stock_holder)) == 1
    assert OutboxMessage.objects.count() == outbox_rows
    assert len(replies()) == 1
    assert InboundMessage.objects.count() == 1


def test_a_member_of_two_groups_acts_for_the_group_the_order_belongs_to(gateway, melati):
    gayo = UppksGroupFactory(name="UPPKS Gayo")
    user = MemberUserFactory()
    GroupMemberFactory(group=melati, user=user)
    GroupMemberFactory(group=gayo, user=user)
    order_of_gayo = FulfillmentFactory(group=gayo)

    response = gateway.post(f"TERIMA {order_of_gayo.order.number}", sender=local_number(user))

    assert response.json()["outcome"] == "applied"
    order_of_gayo.refresh_from_db()
    assert order_of_gayo.status == FulfillmentStatus.ACCEPTED
    assert audit_trail(order_of_gayo) == [("fulfillment_accepted", user.pk, {})]
    assert "UPPKS Gayo" in replies()[0].context["reply"]


def test_a_member_no_longer_active_in_the_orders_group_cannot_answer_for_it(gateway, melati):
    gayo = UppksGroupFactory(name="UPPKS Gayo")
    user = MemberUserFactory()
    GroupMemberFactory(group=melati, user=user)
    GroupMemberFactory(group=gayo, user=user, is_active=False)
    order_of_gayo = FulfillmentFactory(group=gayo)

    response = gateway.post(f"TERIMA {order_of_gayo.order.number}", sender=local_number(user))

    assert response.json()["outcome"] == "refused"
    _unchanged(order_of_gayo)
    assert InboundMessage.objects.get().error_code == "not_your_order"
