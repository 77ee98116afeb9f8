from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from unfold import forms as unfold_forms
from unfold.admin import ModelAdmin

from marketplace.curation.scoping import ALL_PROVINCES, ProvinceScopedAdminMixin, staff_scope

from .models import User
from .services import unlock_sign_in


class UserCreationForm(unfold_forms.UserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeForm(unfold_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(ProvinceScopedAdminMixin, DjangoUserAdmin, ModelAdmin):
    """Accounts; province staff see their province's staff and group members, read-only.

    Only national admins change accounts, and only superusers grant superuser status or
    permissions, so no staff user can raise their own rights.
    """

    # Staff of the province, and members of the province's groups.
    province_path = ("staff_province", "group_memberships__group__regency__province")
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = unfold_forms.AdminPasswordChangeForm
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "phone",
        "is_staff",
        "staff_role",
        "staff_province",
    ]
    list_filter = ["is_staff", "staff_role", "staff_province", "is_active"]
    search_fields = ["email", "first_name", "last_name", "phone"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "phone", "language_code")}),
        (_("BKKBN staff"), {"fields": ("staff_role", "staff_province")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    actions = ["unlock_sign_in"]

    @admin.action(description=_("Unlock sign-in (forget failed attempts)"))
    def unlock_sign_in(self, request, queryset):
        """Any staff member who sees the account (the list is province-scoped) may lift a
        sign-in lock; each unlock is written to the audit log."""
        unlocked = sum(1 for user in queryset if unlock_sign_in(user.pk, actor=request.user))
        self.message_user(
            request,
            ngettext("%(count)d account unlocked.", "%(count)d accounts unlocked.", unlocked)
            % {"count": unlocked},
            messages.SUCCESS,
        )

    def has_add_permission(self, request, *args):
        return staff_scope(request.user) is ALL_PROVINCES

    def has_change_permission(self, request, obj=None):
        return staff_scope(request.user) is ALL_PROVINCES

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "groups", "user_permissions"]
        return readonly
