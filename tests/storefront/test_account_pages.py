import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from marketplace.accounts.models import User
from marketplace.notifications.models import OutboxMessage
from marketplace.notifications.transports import render as render_notice
from tests.factories.accounts import UserFactory
from tests.factories.orders import FulfillmentFactory, OrderFactory

pytestmark = pytest.mark.django_db


def registration(**changes):
    return {
        "first_name": "Wayan",
        "email": "Wayan@Example.id",
        "phone": "0812-3456-7801",
        "password1": "anyaman-pandan-77",
        "password2": "anyaman-pandan-77",
        **changes,
    }


def test_register_creates_the_account_and_logs_in(client):
    response = client.post(reverse("storefront:register"), registration())
    user = User.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("storefront:account")
    assert (user.email, str(user.phone), user.first_name) == (
        "wayan@example.id",
        "+6281234567801",
        "Wayan",
    )
    assert client.session[SESSION_KEY] == str(user.pk)


def test_register_refuses_a_taken_email_and_a_weak_password(client):
    UserFactory(email="wayan@example.id")
    response = client.post(
        reverse("storefront:register"), registration(password1="12345678", password2="12345678")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert User.objects.count() == 1
    assert "Sudah ada akun dengan email ini." in html
    assert SESSION_KEY not in client.session


def test_login_with_email_or_phone_and_logout(client):
    user = UserFactory(email="made@example.id", phone="+6281234567802")
    response = client.post(
        reverse("storefront:login"), {"username": "0812-3456-7802", "password": "rahasia-123"}
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    client.post(reverse("storefront:logout"))
    assert SESSION_KEY not in client.session


def test_wrong_password_is_refused_in_indonesian(client):
    UserFactory(email="made@example.id")
    response = client.post(
        reverse("storefront:login"), {"username": "made@example.id", "password": "salah"}
    )
    assert "tidak cocok dengan akun mana pun" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_logout_needs_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("storefront:logout")).status_code == 405
    assert client.session[SESSION_KEY] == str(user.pk)


def test_account_lists_only_my_orders_with_shipment_status(client):
    me, someone = UserFactory(), UserFactory()
    mine = FulfillmentFactory(order__user=me, tracking_number="JNE123456789").order
    theirs = OrderFactory(user=someone)
    client.force_login(me)
    html = client.get(reverse("storefront:account")).content.decode()
    assert f"#{mine.number}" in html
    assert "JNE123456789" in html
    assert f"#{theirs.number}" not in html


def test_account_needs_login(client):
    response = client.get(reverse("storefront:account"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("storefront:login"))


def test_password_reset_queues_one_notice_whose_link_sets_a_new_password(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="ketut@example.id")
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("storefront:password_reset"), {"email": "ketut@example.id"})
    assert response.status_code == 302
    assert mail.outbox == []  # nothing is mailed during the request
    notice = OutboxMessage.objects.get()
    assert (notice.event, notice.recipient, notice.channel) == (
        "password_reset",
        "ketut@example.id",
        "email",
    )
    assert len(callbacks) == 1
    rendered = render_notice(notice)
    assert rendered.subject == "Buat kata sandi baru untuk Pasar UPPKS"
    assert notice.secret_context["reset_url"] in rendered.text
    link = re.search(r"(/akun/sandi-baru/\S+/)", notice.secret_context["reset_url"]).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "kopi-gayo-baru-9", "new_password2": "kopi-gayo-baru-9"},
    )
    user.refresh_from_db()
    assert user.check_password("kopi-gayo-baru-9")


def test_asking_twice_queues_two_notices(client):
    UserFactory(email="ketut@example.id")
    for _ in range(2):
        client.post(reverse("storefront:password_reset"), {"email": "ketut@example.id"})
    assert OutboxMessage.objects.filter(event="password_reset").count() == 2


def test_password_reset_for_an_unknown_email_queues_nothing(client):
    response = client.post(reverse("storefront:password_reset"), {"email": "nobody@example.id"})
    assert response.status_code == 302
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []
