"""Checkout, order confirmation and order tracking pages; the rules are ``checkout.services``."""

import copy

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from marketplace.checkout.errors import CheckoutError
from marketplace.checkout.services import (
    checkout_summary,
    choose_courier,
    complete_checkout,
    set_contact,
    set_payment_method,
    set_shipping_address,
)
from marketplace.orders.models import Fulfillment, FulfillmentLine, Order
from marketplace.regions.models import District, Regency

from ..cart import RECENT_ORDERS_SESSION_KEY, current_checkout, forget_checkout, remember_order
from ..checkout_forms import CheckoutForm, TrackOrderForm

CONTACT_FIELDS = ("email", "phone")
ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "province",
    "regency",
    "district",
    "village",
    "street_address_1",
    "street_address_2",
    "postal_code",
)


def _initial(checkout, user) -> dict:
    return {
        "email": checkout.email or (user.email if user.is_authenticated else ""),
        "phone": checkout.shipping_phone or checkout.phone,
        "first_name": checkout.first_name or (user.first_name if user.is_authenticated else ""),
        "last_name": checkout.last_name,
        "province": checkout.province_id or "",
        "regency": checkout.regency_id or "",
        "district": checkout.district_id or "",
        "village": checkout.village,
        "street_address_1": checkout.street_address_1,
        "street_address_2": checkout.street_address_2,
        "postal_code": checkout.postal_code,
        "payment_method": checkout.payment_method,
    }


def checkout(request):
    checkout = current_checkout(request)
    if checkout is None or not checkout.lines.exists():
        messages.error(request, _("Your cart is empty."))
        return redirect("storefront:cart")
    if request.method == "POST":
        form = CheckoutForm(request.POST)
        if form.is_valid():
            order = _save_and_maybe_place(request, checkout, form)
            if order is not None:
                return redirect(_after_order_url(order))
            checkout.refresh_from_db()
    else:
        form = CheckoutForm(
            initial=_initial(checkout, request.user),
            province_code=checkout.province_id or "",
            regency_code=checkout.regency_id or "",
        )
    destination = _shown_destination(request, checkout, form)
    return render(
        request,
        "storefront/checkout.html",
        {
            "form": form,
            "contact_fields": [form[name] for name in CONTACT_FIELDS],
            "address_fields": [form[name] for name in ADDRESS_FIELDS],
            "payment_fields": [form["payment_method"]],
            "summary": _summary_for(checkout, destination),
            "summary_has_destination": destination is not None,
            "title": pgettext("storefront page", "Checkout"),
        },
    )


def _shown_destination(request, checkout, form) -> Regency | None:
    """The kabupaten/kota the page's figures are for: the one on screen, else the saved one.

    A posted form (valid or not) and the script's ``?province=&regency=`` preview name what the
    customer sees; the plain page shows what the checkout stores. Both province and
    kabupaten/kota must be chosen and agree, otherwise shipping is not calculated yet.
    """
    if form.is_bound:
        codes = form.data
    elif "regency" in request.GET:
        codes = request.GET
    else:
        return checkout.regency if checkout.regency_id else None
    province_code, regency_code = codes.get("province", ""), codes.get("regency", "")
    if not (province_code and regency_code):
        return None
    return Regency.objects.filter(pk=regency_code, province_id=province_code).first()


def _summary_for(checkout, destination: Regency | None):
    """The checkout's summary as if shipped to ``destination``; nothing is saved."""
    if getattr(destination, "pk", None) != checkout.regency_id:
        checkout = copy.copy(checkout)
        checkout.regency = destination
    return checkout_summary(checkout)


def _save_and_maybe_place(request, checkout, form):
    """Save contact, address and payment; place the order when asked. None if not placed."""
    data = form.cleaned_data
    try:
        set_contact(checkout.pk, email=data["email"], phone=data["phone"])
        set_shipping_address(checkout.pk, form.address())
        set_payment_method(checkout.pk, data["payment_method"])
        _apply_courier_picks(request, checkout)
        if request.POST.get("action") != "place":
            messages.success(request, _("Shipping calculated for your address."))
            return None
        user = request.user if request.user.is_authenticated else None
        shown = request.POST.get("shown_shipping_total", "")
        order = complete_checkout(
            checkout.pk, user=user, expected_shipping_total=int(shown) if shown.isdigit() else None
        )
    except CheckoutError as error:
        form.add_service_error(error)
        return None
    forget_checkout(request)
    remember_order(request, order)
    return order


def _courier_picks(request) -> dict[int, tuple[str, str]]:
    """``courier-<group id>=<courier>:<service>`` radios of the checkout page."""
    picks = {}
    for name, value in request.POST.items():
        group_id = name.removeprefix("courier-")
        courier, colon, service = value.partition(":")
        if name.startswith("courier-") and group_id.isdigit() and colon:
            picks[int(group_id)] = (courier, service)
    return picks


def _apply_courier_picks(request, checkout) -> None:
    saved = checkout.courier_choices or {}
    for group_id, (courier, service) in _courier_picks(request).items():
        if saved.get(str(group_id)) != [courier, service]:
            choose_courier(checkout.pk, group_id=group_id, courier=courier, service=service)


@require_POST
def checkout_courier(request):
    """The "Choose" button of one parcel's courier list (works without JavaScript)."""
    checkout = current_checkout(request)
    if checkout is None:
        return redirect("storefront:cart")
    try:
        _apply_courier_picks(request, checkout)
    except CheckoutError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Courier chosen."))
    return redirect("storefront:checkout")


def _after_order_url(order) -> str:
    """The payments page of the order when the payments app has one, else the confirmation."""
    try:
        return reverse("payments:order_payment", kwargs={"token": order.token})
    except NoReverseMatch:
        return reverse("storefront:order", kwargs={"token": order.token})


def order(request, token):
    order = get_object_or_404(
        Order.objects.select_related("province", "regency", "district").prefetch_related(
            Prefetch(
                "fulfillments",
                queryset=Fulfillment.objects.select_related(
                    "group__regency", "courier_shipment"
                ).prefetch_related(
                    Prefetch(
                        "lines", queryset=FulfillmentLine.objects.select_related("order_line")
                    ),
                    "courier_shipment__events",
                ),
            )
        ),
        token=token,
    )
    try:
        payment_url = reverse("payments:order_payment", kwargs={"token": order.token})
    except NoReverseMatch:
        payment_url = ""
    return render(
        request,
        "storefront/order.html",
        {
            "order": order,
            "payment_url": payment_url,
            "title": _("Order #%(number)s") % {"number": order.number},
            "is_recent": str(order.token) in request.session.get(RECENT_ORDERS_SESSION_KEY, []),
        },
    )


def track_order(request):
    form = TrackOrderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = Order.objects.filter(
            number=form.cleaned_data["number"], email__iexact=form.cleaned_data["email"]
        ).first()
        if found is not None:
            return redirect("storefront:order", token=found.token)
        form.add_error(None, _("No order with this number and email was found."))
    return render(request, "storefront/track.html", {"form": form, "title": _("Track an order")})


@require_safe
@cache_control(public=True, max_age=86400)
def regions(request):
    """Kabupaten/kota of a province (``?parent=51``) or kecamatan of one (``?parent=51.05``)."""
    parent = request.GET.get("parent", "")
    if len(parent) == 2 and parent.isdigit():
        rows = Regency.objects.filter(province_id=parent).values_list("code", "name")
    elif len(parent) == 5 and parent[:2].isdigit() and parent[2] == "." and parent[3:].isdigit():
        rows = District.objects.filter(regency_id=parent).values_list("code", "name")
    else:
        raise Http404
    return JsonResponse({"results": [{"code": code, "name": name} for code, name in rows]})
