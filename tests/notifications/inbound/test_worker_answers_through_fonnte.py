"""End to end on real parts: Fonnte's webhook posts a member's reply to the running site, a real
Celery worker on Redis sends the answer to the loopback Fonnte, a replay sends nothing more."""

import pytest
from django.urls import reverse

from marketplace.notifications.inbound.tasks import send_morning_digests
from marketplace.notifications.models import InboundMessage, OutboxMessage, OutboxStatus
from marketplace.orders.models import FulfillmentStatus
from tests.factories.notifications import member

from ..helpers import wait_until
from .conftest import FONNTE_SEND_TOKEN, FONNTE_WEBHOOK_TOKEN, local_number, paid_fulfillment

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fonnte_worker(celery_worker_factory, fonnte):
    return celery_worker_factory(
        env={
            "NOTIFICATION_WHATSAPP_BACKEND": "fonnte",
            "NOTIFICATION_FONNTE_URL": fonnte.send_url,
            "NOTIFICATION_FONNTE_TOKEN": FONNTE_SEND_TOKEN,
        }
    )


def _all_sent():
    return wait_until(
        lambda: not OutboxMessage.objects.exclude(status=OutboxStatus.SENT).exists(),
        what="every notice sent",
    )


def test_a_reply_on_whatsapp_accepts_and_the_answer_reaches_the_member(
    live_server, fonnte, fonnte_worker, melati
):
    ketua = member(melati, email=False, whatsapp=True).user
    fulfillment = paid_fulfillment(melati)
    number = fulfillment.order.number
    (routed,) = fonnte.wait_for(1)  # the routed notice, with the commands to answer
    assert routed.target == local_number(ketua)
    assert f"TERIMA {number}" in routed.message
    webhook = live_server.url + reverse("whatsapp:fonnte_inbound", args=[FONNTE_WEBHOOK_TOKEN])

    response = fonnte.deliver_incoming(
        webhook, sender=local_number(ketua), message=f"Terima #{number}", inboxid="in-777"
    )

    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False, "outcome": "applied"}
    _, answer = fonnte.wait_for(2)
    assert answer.authorization == FONNTE_SEND_TOKEN
    assert answer.target == local_number(ketua)
    assert answer.message == (
        f"*Pasar UPPKS*\n\nPesanan {number} diterima untuk UPPKS Melati. Kemas pesanannya; "
        f"setelah diserahkan ke kurir, kirim: KIRIM {number} <kurir> <nomor resi>"
    )
    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.ACCEPTED

    replay = fonnte.deliver_incoming(
        webhook, sender=local_number(ketua), message=f"Terima #{number}", inboxid="in-777"
    )

    assert replay.json()["duplicate"] is True
    _all_sent()
    assert len(fonnte.received()) == 2
    assert InboundMessage.objects.count() == 1
    assert fonnte.refused == 0


def _digest_runs(worker) -> int:
    return sum(
        "notifications.send_morning_digests[" in line and " succeeded " in line
        for line in worker.log().splitlines()
    )


def test_the_morning_digest_runs_on_the_worker_and_reaches_whatsapp(fonnte, fonnte_worker, melati):
    ketua = member(melati, email=False, whatsapp=True).user
    fulfillment = paid_fulfillment(melati)
    fonnte.wait_for(1)

    send_morning_digests.delay()
    send_morning_digests.delay()  # beat firing twice

    _, digest = fonnte.wait_for(2)
    assert digest.target == local_number(ketua)
    assert digest.message.startswith("*Pesanan UPPKS Melati hari ini, ")
    assert f"#{fulfillment.order.number}" in digest.message
    wait_until(lambda: _digest_runs(fonnte_worker) == 2, what="both digest runs finished")
    _all_sent()
    assert len(fonnte.received()) == 2
