"""Account pages: register, log in / out, password reset, order history."""

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from marketplace.accounts.forms import OutboxPasswordResetForm
from marketplace.accounts.models import User
from marketplace.orders.models import Fulfillment, Order

from ..forms import LoginForm, RegisterForm

login = auth_views.LoginView.as_view(
    template_name="storefront/account/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)

logout = require_POST(auth_views.LogoutView.as_view(next_page=reverse_lazy("storefront:home")))


def register(request):
    if request.user.is_authenticated:
        return redirect("storefront:account")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = User.objects.create_user(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                phone=data["phone"],
                language_code=request.LANGUAGE_CODE if request.LANGUAGE_CODE == "en" else "id",
            )
        auth_login(request, user, backend="marketplace.accounts.backends.EmailOrPhoneBackend")
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse_lazy("storefront:account")
        return redirect(next_url)
    return render(
        request,
        "storefront/account/register.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@login_required
def account(request):
    orders = (
        Order.objects.filter(user=request.user)
        .prefetch_related(
            Prefetch("fulfillments", queryset=Fulfillment.objects.select_related("group"))
        )
        .order_by("-created_at", "-pk")[:50]
    )
    return render(request, "storefront/account/account.html", {"orders": orders})


def password_reset(request):
    """Queue a reset link for the account with this email; the answer never says if one exists."""
    form = OutboxPasswordResetForm(
        request.POST or None, request=request, confirm_url_name="storefront:password_reset_confirm"
    )
    if request.method == "POST" and form.is_valid():
        form.save(site_url=settings.SITE_URL.rstrip("/"))
        return redirect("storefront:password_reset_done")
    return render(request, "storefront/account/password_reset.html", {"form": form})


password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="storefront/account/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="storefront/account/password_reset_confirm.html",
    success_url=reverse_lazy("storefront:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="storefront/account/password_reset_complete.html"
)
