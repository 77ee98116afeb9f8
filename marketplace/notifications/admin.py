"""The outbox in the admin: each notice's state, attempts and last error, read-only.

Notices hold people's addresses and phone numbers, so only national staff see them. The one
change allowed is the action that sends failed notices again. A notice's one-time secrets
(``secret_context``, such as an invitation link) are never shown: they are the recipient's alone.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from unfold.admin import ModelAdmin, TabularInline

from .dispatch import retry_failed_messages
from .models import OutboxAttempt, OutboxMessage, OutboxStatus

SECRET_FIELDS = ("secret_context",)


class OutboxAttemptInline(TabularInline):
    model = OutboxAttempt
    extra = 0
    can_delete = False
    fields = ["number", "started_at", "finished_at", "succeeded", "response_status", "error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ModelAdmin):
    list_display = [
        "pk",
        "event",
        "channel",
        "recipient",
        "status",
        "attempts",
        "short_error",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "channel", "event"]
    search_fields = ["recipient", "event", "subject_id", "dedupe_key"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    list_per_page = 100
    show_full_result_count = False
    inlines = [OutboxAttemptInline]
    actions = ["retry_failed"]
    exclude = SECRET_FIELDS
    readonly_fields = [
        field.name for field in OutboxMessage._meta.fields if field.name not in SECRET_FIELDS
    ]

    @admin.display(description=_("last error"))
    def short_error(self, obj: OutboxMessage) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("Send the selected failed notices again"))
    def retry_failed(self, request, queryset):
        failed = queryset.filter(status=OutboxStatus.FAILED)
        ids = retry_failed_messages(list(failed.values_list("pk", flat=True)))
        messages.success(
            request,
            ngettext(
                "%(count)d failed notice will be sent again.",
                "%(count)d failed notices will be sent again.",
                len(ids),
            )
            % {"count": len(ids)},
        )
        erased = failed.filter(secrets_erased=True).count()
        if erased:
            messages.warning(
                request,
                ngettext(
                    "%(count)d failed notice carried a one-time link that has been erased, so it "
                    "cannot be sent again; create a new one (for example a new invitation).",
                    "%(count)d failed notices carried a one-time link that has been erased, so "
                    "they cannot be sent again; create new ones (for example new invitations).",
                    erased,
                )
                % {"count": erased},
            )

    def _national(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and user.is_national_staff

    def has_module_permission(self, request):
        return self._national(request)

    def has_view_permission(self, request, obj=None):
        return self._national(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The change form is shown read-only; the retry action needs this permission.
        return self._national(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
