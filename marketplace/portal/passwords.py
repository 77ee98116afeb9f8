"""Password reset for the portal: the link is sent through the outbox after commit."""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from marketplace.notifications import outbox
from marketplace.notifications.models import Channel

from .models import PasswordResetRequest


class OutboxPasswordResetForm(PasswordResetForm):
    """Same look-up as Django's form (active users with that email), no mail in the request."""

    def save(self, *, site_url: str, **kwargs) -> int:
        sent = 0
        for user in self.get_users(self.cleaned_data["email"]):
            path = reverse(
                "portal:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            with transaction.atomic():
                request = PasswordResetRequest.objects.create(user=user)
                outbox.enqueue(
                    "portal_password_reset",
                    about=request,
                    recipients=[
                        outbox.Recipient(Channel.EMAIL, user.email, user.language_code or "id")
                    ],
                    context={"reset_url": f"{site_url}{path}", "name": user.get_full_name()},
                )
            sent += 1
        return sent
