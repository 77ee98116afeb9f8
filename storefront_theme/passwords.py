"""Storefront password reset: the link goes out through the outbox after commit, never by mail
sent during the request."""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from marketplace.notifications import outbox
from marketplace.notifications.models import Channel

from .models import PasswordResetRequest

EVENT = "storefront_password_reset"


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's look-up (active users with a usable password and this email); notice per user."""

    def save(self, *, site_url: str = "", **kwargs) -> int:
        queued = 0
        for user in self.get_users(self.cleaned_data["email"]):
            path = reverse(
                "storefront:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            with transaction.atomic():
                request = PasswordResetRequest.objects.create(user=user)
                outbox.enqueue(
                    EVENT,
                    about=request,
                    recipients=[
                        outbox.Recipient(Channel.EMAIL, user.email, user.language_code or "id")
                    ],
                    context={"reset_url": f"{site_url}{path}", "name": user.get_full_name()},
                )
            queued += 1
        return queued
