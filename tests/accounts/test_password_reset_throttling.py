"""Password reset requests are counted per email and per address; over the limit the page
says how long to wait and nothing is queued."""

from django.test import Client
from django.urls import reverse

from marketplace.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory

WAIT_ID = "Terlalu banyak permintaan atur ulang kata sandi. Coba lagi dalam 15 menit."


def test_a_fourth_request_for_one_account_waits_and_queues_nothing(db):
    UserFactory(email="lupa.sandi@example.id")
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    for _ in range(3):
        sent = client.post(reverse("portal:password_reset"), {"email": "lupa.sandi@example.id"})
        assert sent.status_code == 302

    refused = client.post(reverse("portal:password_reset"), {"email": "LUPA.SANDI@example.id"})

    assert refused.status_code == 200
    assert WAIT_ID in refused.content.decode()
    assert OutboxMessage.objects.filter(event="password_reset").count() == 3


def test_one_address_asking_for_many_emails_waits(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="id", REMOTE_ADDR="203.0.113.20")
    for n in range(10):
        answer = client.post(reverse("storefront:password_reset"), {"email": f"x{n}@example.id"})
        assert answer.status_code == 302

    refused = client.post(reverse("storefront:password_reset"), {"email": "x99@example.id"})
    assert WAIT_ID in refused.content.decode()

    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    answer = elsewhere.post(reverse("storefront:password_reset"), {"email": "x99@example.id"})
    assert answer.status_code == 302
