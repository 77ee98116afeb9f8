import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from marketplace.accounts.errors import AccountError, AccountErrorCode
from marketplace.accounts.forms import OutboxPasswordResetForm
from marketplace.accounts.models import PasswordResetRequest
from marketplace.accounts.services import (
    request_password_reset,
    request_password_reset_by_email,
    set_password,
)
from marketplace.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

RESET_URL = "http://127.0.0.1:8000/reset?token=abc"


def test_each_request_writes_one_row_and_one_notice(django_capture_on_commit_callbacks):
    # given
    user = UserFactory(email="made@example.id", first_name="Made", last_name="Wirawan")
    # when
    with django_capture_on_commit_callbacks() as callbacks:
        first = request_password_reset(user_id=user.pk, reset_url=RESET_URL)
        second = request_password_reset(user_id=user.pk, reset_url=RESET_URL)
    # then
    assert PasswordResetRequest.objects.filter(user=user).count() == 2
    notices = OutboxMessage.objects.order_by("pk")
    assert [(n.event, n.recipient, n.channel, n.subject_id) for n in notices] == [
        ("password_reset", "made@example.id", "email", str(first.pk)),
        ("password_reset", "made@example.id", "email", str(second.pk)),
    ]
    assert [(n.context, n.secret_context, n.secrets_erased) for n in notices] == [
        ({"name": "Made Wirawan"}, {"reset_url": RESET_URL}, False),
        ({"name": "Made Wirawan"}, {"reset_url": RESET_URL}, False),
    ]
    assert len(callbacks) == 2
    assert mail.outbox == []


def test_a_throttled_repeat_is_refused_and_queues_nothing():
    # given
    user = UserFactory(email="made@example.id")
    request_password_reset(user_id=user.pk, reset_url=RESET_URL)
    # when
    with pytest.raises(AccountError) as refused:
        request_password_reset(user_id=user.pk, reset_url=RESET_URL, throttle=timedelta(minutes=5))
    # then
    assert refused.value.code == AccountErrorCode.PASSWORD_RESET_ALREADY_REQUESTED
    assert refused.value.field == "email"
    assert PasswordResetRequest.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_an_unknown_email_queues_nothing():
    # when
    result = request_password_reset_by_email(
        email="siapa@example.id", redirect_url="http://127.0.0.1:8000/reset"
    )
    form = OutboxPasswordResetForm(
        {"email": "siapa@example.id"}, confirm_url_name="storefront:password_reset_confirm"
    )
    assert form.is_valid()
    queued = form.save(site_url="http://127.0.0.1:8000")
    # then
    assert result is None
    assert queued == 0
    assert PasswordResetRequest.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_a_foreign_redirect_is_refused_and_queues_nothing():
    UserFactory(email="made@example.id")

    with pytest.raises(AccountError) as refused:
        request_password_reset_by_email(
            email="made@example.id", redirect_url="https://evil.example.com/steal"
        )

    assert (refused.value.code, refused.value.field) == (AccountErrorCode.INVALID, "redirect_url")
    assert PasswordResetRequest.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_the_api_link_sets_the_password_once():
    # given
    user = UserFactory(email="made@example.id")
    reset = request_password_reset_by_email(
        email="Made@Example.id", redirect_url="http://127.0.0.1:8000/reset"
    )
    message = OutboxMessage.objects.get()
    link = message.secret_context["reset_url"]
    query = parse_qs(urlsplit(link).query)
    # when
    set_password(email=query["email"][0], token=query["token"][0], password="Emping-Melinjo-9")
    # then
    assert (message.subject_type, message.subject_id) == (
        "accounts.passwordresetrequest",
        str(reset.pk),
    )
    assert link.startswith("http://127.0.0.1:8000/reset?")
    assert query["email"] == ["made@example.id"]
    user.refresh_from_db()
    assert user.check_password("Emping-Melinjo-9")
    with pytest.raises(AccountError) as replay:
        set_password(email="made@example.id", token=query["token"][0], password="Lain-Lagi-2026")
    assert (replay.value.code, replay.value.field) == (AccountErrorCode.INVALID, "token")


def test_the_form_link_carries_a_django_token_for_the_user():
    # given
    user = UserFactory(email="ketut@example.id")
    form = OutboxPasswordResetForm(
        {"email": "ketut@example.id"}, confirm_url_name="portal:password_reset_confirm"
    )
    assert form.is_valid()
    # when
    queued = form.save(site_url="http://127.0.0.1:8000/")
    # then
    assert queued == 1
    link = OutboxMessage.objects.get(event="password_reset").secret_context["reset_url"]
    uidb64, token = re.search(r"/([^/]+)/([^/]+)/$", link).groups()
    assert link.startswith("http://127.0.0.1:8000/")
    assert "//" not in link.removeprefix("http://")
    assert force_str(urlsafe_base64_decode(uidb64)) == str(user.pk)
    assert default_token_generator.check_token(user, token)
    assert PasswordResetRequest.objects.get().user == user
