"""A WhatsApp invitation through a real worker: the gateway fails once, the retry sends the
same working link, and afterwards no outbox row holds the token."""

import re

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from marketplace.curation.models import hash_token
from marketplace.curation.onboarding import accept_invitation, invite_member
from marketplace.notifications.models import OutboxAttempt, OutboxMessage, OutboxStatus
from tests.factories.curation import ProvinceCuratorFactory
from tests.factories.groups import UppksGroupFactory

from .conftest import GATEWAY_SECRET
from .helpers import wait_all_sent

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

JOIN_LINK = re.compile(r"https?://\S+?/admin/curation/join/([\w-]+)/")


def test_a_retried_invitation_sends_one_working_link_and_keeps_no_token(
    celery_worker_factory, gateway
):
    group = UppksGroupFactory()
    curator = ProvinceCuratorFactory()
    gateway.script = [500]
    gateway.echo_text = True
    celery_worker_factory(
        env={
            "NOTIFICATION_GATEWAY_URL": gateway.url,
            "NOTIFICATION_GATEWAY_SECRET": GATEWAY_SECRET,
            "NOTIFICATION_WHATSAPP_BACKEND": "webhook",
            "NOTIFICATION_RETRY_BASE_SECONDS": "0.5",
        }
    )

    invitation, token = invite_member(
        group.pk, actor=curator, phone="081234567801", channel="whatsapp"
    )

    (row,) = wait_all_sent(count=1)
    requests = gateway.wait_for(2)
    assert [request.status for request in requests] == [500, 200]
    links = [JOIN_LINK.search(request.json()["text"]).group(1) for request in requests]
    assert links == [token, token]
    assert hash_token(links[1]) == invitation.token_hash
    assert row.status == OutboxStatus.SENT
    assert (row.secret_context, row.secrets_erased) == ({}, True)
    assert "[…]" in row.attempt_log.get(number=1).error
    stored = DjangoJSONEncoder().encode(
        [*OutboxMessage.objects.values(), *OutboxAttempt.objects.values()]
    )
    assert token not in stored

    member = accept_invitation(links[1], password="Kelompok-Mawar-2026", first_name="Komang")
    assert (member.group, str(member.user.phone)) == (group, "+6281234567801")
