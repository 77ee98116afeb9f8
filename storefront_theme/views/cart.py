"""Cart pages: lines grouped by the group that will ship them, each with its shipping."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.checkout.errors import CheckoutError
from marketplace.checkout.services import (
    add_lines,
    checkout_summary,
    create_checkout,
    delete_lines,
    update_lines,
)

from ..cart import current_checkout, refresh_quantity, remember_checkout


class LineForm(forms.Form):
    """Whole numbers only; the maximum is checkout's rule, so its error names the limit."""

    variant = forms.IntegerField(min_value=1)
    quantity = forms.IntegerField(min_value=0)


def cart(request):
    checkout = current_checkout(request)
    summary = checkout_summary(checkout) if checkout is not None else None
    if checkout is not None:
        refresh_quantity(request, checkout)
    return render(
        request,
        "storefront/cart.html",
        {
            "checkout": checkout,
            "summary": summary,
            "title": _("Cart"),
            "max_quantity": settings.CHECKOUT_MAX_LINE_QUANTITY,
        },
    )


def _back(request, default: str = "storefront:cart"):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


@require_POST
def cart_add(request):
    form = LineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a variant and a quantity of at least 1."))
        return _back(request)
    line = (form.cleaned_data["variant"], form.cleaned_data["quantity"])
    checkout = current_checkout(request)
    try:
        if checkout is None:
            user = request.user if request.user.is_authenticated else None
            checkout = create_checkout(user=user, lines=[line], language=request.LANGUAGE_CODE)
        else:
            checkout = add_lines(checkout.pk, [line])
    except CheckoutError as error:
        messages.error(request, error.message)
        return _back(request)
    remember_checkout(request, checkout)
    messages.success(request, _("Added to your cart."))
    return redirect("storefront:cart")


@require_POST
def cart_update(request):
    form = LineForm(request.POST)
    checkout = current_checkout(request)
    if checkout is None:
        return redirect("storefront:cart")
    if not form.is_valid():
        messages.error(
            request,
            _("Enter a quantity between 0 and %(limit)d.")
            % {"limit": settings.CHECKOUT_MAX_LINE_QUANTITY},
        )
        return redirect("storefront:cart")
    try:
        update_lines(checkout.pk, [(form.cleaned_data["variant"], form.cleaned_data["quantity"])])
    except CheckoutError as error:
        messages.error(request, error.message)
    refresh_quantity(request, checkout)
    return redirect("storefront:cart")


@require_POST
def cart_remove(request):
    checkout = current_checkout(request)
    line_id = request.POST.get("line", "")
    if checkout is None or not line_id.isdigit():
        return redirect("storefront:cart")
    try:
        delete_lines(checkout.pk, [int(line_id)])
    except CheckoutError as error:
        messages.error(request, error.message)
    refresh_quantity(request, checkout)
    return redirect("storefront:cart")
