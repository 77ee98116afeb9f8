"""Log in with phone number or email, log out, reset a forgotten password."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from marketplace.accounts.forms import OutboxPasswordResetForm

from ..forms import PortalLoginForm

login = auth_views.LoginView.as_view(
    template_name="portal/login.html",
    authentication_form=PortalLoginForm,
    redirect_authenticated_user=True,
    next_page=reverse_lazy("portal:home"),
)

logout = auth_views.LogoutView.as_view(next_page=reverse_lazy("portal:login"))


@csrf_protect
@require_http_methods(["GET", "POST"])
def password_reset(request):
    form = OutboxPasswordResetForm(
        request.POST or None, request=request, confirm_url_name="portal:password_reset_confirm"
    )
    if request.method == "POST" and form.is_valid():
        form.save(site_url=settings.SITE_URL)
        return redirect("portal:password_reset_done")
    return render(request, "portal/password_reset.html", {"form": form})


password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="portal/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="portal/password_reset_confirm.html",
    success_url=reverse_lazy("portal:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="portal/password_reset_complete.html"
)
