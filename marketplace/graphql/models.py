"""Rows the API itself keeps: password-reset requests (one notice each, throttled)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordResetRequest(models.Model):
    """A request to reset a password through the API; its outbox notice carries the link."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_password_resets",
        verbose_name=_("user"),
    )
    redirect_url = models.URLField(_("redirect URL"), max_length=500)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self) -> str:
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"
