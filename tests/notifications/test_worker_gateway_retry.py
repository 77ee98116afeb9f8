"""The WhatsApp gateway answers 500, then 200: one delivery, both attempts on record."""

import pytest
from django.db import transaction

from marketplace.notifications.gateways import verify_signature
from marketplace.notifications.models import OutboxStatus
from marketplace.notifications.outbox import enqueue, recipients_for_group
from tests.factories.groups import UppksGroupFactory
from tests.factories.notifications import member, reminder_context

from .conftest import GATEWAY_SECRET
from .helpers import wait_all_sent

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_gateway_error_is_retried_and_the_notice_delivered_once(celery_worker_factory, gateway):
    group = UppksGroupFactory()
    ketua = member(group, email=False, whatsapp=True)
    gateway.script = [500]
    celery_worker_factory(
        env={
            "NOTIFICATION_GATEWAY_URL": gateway.url,
            "NOTIFICATION_GATEWAY_SECRET": GATEWAY_SECRET,
            "NOTIFICATION_WHATSAPP_BACKEND": "webhook",
            "NOTIFICATION_RETRY_BASE_SECONDS": "0.5",
        }
    )

    with transaction.atomic():
        (message,) = enqueue(
            "fulfillment_accept_reminder",
            about=group,
            recipients=recipients_for_group(group),
            context=reminder_context(group_name="UPPKS Cempaka & Sekar"),
        )

    (row,) = wait_all_sent(count=1)
    requests = gateway.wait_for(2)
    assert [request.status for request in requests] == [500, 200]
    assert {request.headers["Idempotency-Key"] for request in requests} == {message.idempotency_key}
    assert gateway.delivered_keys() == [message.idempotency_key]
    assert row.status == OutboxStatus.SENT
    assert row.attempts == 2
    assert row.external_id == "gw-1"
    assert list(
        row.attempt_log.order_by("number").values_list("number", "succeeded", "response_status")
    ) == [(1, False, 500), (2, True, 200)]
    assert "HTTP 500" in row.attempt_log.get(number=1).error

    accepted = requests[1]
    assert verify_signature(
        GATEWAY_SECRET,
        timestamp=accepted.headers["X-Pasar-Timestamp"],
        body=accepted.body,
        signature=accepted.headers["X-Pasar-Signature"],
    )
    payload = accepted.json()
    assert payload["to"] == str(ketua.user.phone)
    assert payload["channel"] == "whatsapp"
    assert payload["id"] == message.idempotency_key
    assert "UPPKS Cempaka & Sekar" in payload["text"]
    assert "Rp 75.000" in payload["text"]
