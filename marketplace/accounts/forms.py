"""The "forgot password" form shared by the portal and the storefront."""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .services import request_password_reset
from .throttle import check_password_reset_request


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's look-up (active users with a usable password and this email); no mail is sent
    during the request: each user gets one outbox notice with a link to ``confirm_url_name``."""

    def __init__(self, *args, confirm_url_name: str, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.confirm_url_name = confirm_url_name
        self.request = request

    def clean(self):
        """Requests are counted per email and per address (``accounts.throttle``)."""
        cleaned = super().clean()
        if self.request is not None and cleaned.get("email"):
            try:
                check_password_reset_request(self.request, cleaned["email"])
            except ValidationError as err:
                self.add_error("email", err)  # both pages show the email field's errors
        return cleaned

    def save(self, *, site_url: str = "", **kwargs) -> int:
        site_url = (site_url or settings.SITE_URL).rstrip("/")
        queued = 0
        for user in self.get_users(self.cleaned_data["email"]):
            path = reverse(
                self.confirm_url_name,
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            request_password_reset(user_id=user.pk, reset_url=f"{site_url}{path}")
            queued += 1
        return queued
