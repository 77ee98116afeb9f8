"""The group's wholesale offers in the portal: one small form per variant, for a phone."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from marketplace.catalog.models import ProductVariant
from marketplace.core.errors import DomainError
from marketplace.portal.decorators import group_member_required

from .wholesale import offers_for_variants, remove_wholesale_offer, set_wholesale_offer

TIER_ROWS = 3


class OfferForm(forms.Form):
    min_order_quantity = forms.IntegerField(
        label=gettext_lazy("Minimum order"), min_value=1, max_value=1_000_000
    )
    lead_time_days = forms.IntegerField(label=gettext_lazy("Lead time (days)"), min_value=0)
    monthly_capacity = forms.IntegerField(label=gettext_lazy("Capacity per month"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(TIER_ROWS):
            self.fields[f"tier_{row}_quantity"] = forms.IntegerField(required=False, min_value=1)
            self.fields[f"tier_{row}_price"] = forms.IntegerField(required=False, min_value=1)

    def tiers(self) -> list[tuple[int, int]]:
        pairs = []
        for row in range(TIER_ROWS):
            quantity = self.cleaned_data.get(f"tier_{row}_quantity")
            price = self.cleaned_data.get(f"tier_{row}_price")
            if quantity or price:
                if not (quantity and price):
                    raise forms.ValidationError(_("Each tier needs a quantity and a price."))
                pairs.append((quantity, price))
        return pairs


def group_variants(group):
    return (
        ProductVariant.objects.filter(product__group=group)
        .select_related("product")
        .order_by("product__name", "sku")
    )


@require_GET
@group_member_required
def offer_list(request):
    variants = list(group_variants(request.group))
    offers = offers_for_variants([v.pk for v in variants])
    rows = []
    for variant in variants:
        offer = offers.get(variant.pk)
        tiers = list(offer.tiers.all()) if offer else []
        tiers += [None] * (TIER_ROWS - len(tiers))
        rows.append({"variant": variant, "offer": offer, "tiers": tiers[:TIER_ROWS]})
    return render(request, "partners/portal/offers.html", {"rows": rows})


@require_POST
@group_member_required
def offer_save(request, variant_id):
    variant = get_object_or_404(group_variants(request.group), pk=variant_id)
    if request.POST.get("remove"):
        remove_wholesale_offer(group_id=request.group.pk, variant_id=variant.pk)
        messages.success(request, _("Wholesale offer of %(sku)s removed.") % {"sku": variant.sku})
        return redirect("partners_portal:offers")
    form = OfferForm(request.POST)
    try:
        if not form.is_valid():
            raise forms.ValidationError(next(iter(form.errors.values()))[0])
        tiers = form.tiers()
    except forms.ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("partners_portal:offers")
    try:
        set_wholesale_offer(
            group_id=request.group.pk,
            variant_id=variant.pk,
            min_order_quantity=form.cleaned_data["min_order_quantity"],
            lead_time_days=form.cleaned_data["lead_time_days"],
            monthly_capacity=form.cleaned_data["monthly_capacity"],
            tiers=tiers,
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Wholesale offer of %(sku)s saved.") % {"sku": variant.sku})
    return redirect("partners_portal:offers")


# --- Purchase orders for the group: lines to ship, shipments (surat jalan), partners wanted ---


@require_GET
@group_member_required
def purchase_orders(request):
    from .deliveries import delivered_quantities
    from .models import PurchaseOrder

    orders = (
        PurchaseOrder.objects.filter(lines__group=request.group)
        .distinct()
        .select_related("account__partner")
        .order_by("-pk")[:50]
    )
    rows = []
    for order in orders:
        delivered = delivered_quantities(order)
        lines = [
            {"line": line, "left": line.quantity - delivered.get(line.pk, 0)}
            for line in order.lines.filter(group=request.group).select_related("variant__product")
        ]
        shipments = order.shipments.filter(group=request.group)
        part = order.groups.filter(group=request.group).first()
        rows.append({"order": order, "lines": lines, "shipments": shipments, "part": part})
    return render(request, "partners/portal/purchase_orders.html", {"rows": rows})


@require_POST
@group_member_required
def accept(request, order_id):
    from .routing import accept_purchase_order

    try:
        accept_purchase_order(request.user, group_id=request.group.pk, order_id=order_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Purchase order accepted: ship it when it is ready."))
    return redirect("partners_portal:purchase_orders")


@require_GET
@group_member_required
def quotes(request):
    from .models import QuoteRequest

    rows = (
        QuoteRequest.objects.filter(group=request.group)
        .select_related("account__partner", "variant__product", "purchase_order")
        .order_by("-pk")[:50]
    )
    return render(request, "partners/portal/quotes.html", {"quotes": rows})


@require_POST
@group_member_required
def quote_offer(request, quote_id):
    from datetime import date

    from .quotes import offer_quote

    try:
        unit_price = int(request.POST.get("unit_price", "") or 0)
        delivery_date = date.fromisoformat(request.POST.get("delivery_date", ""))
    except ValueError:
        messages.error(request, _("Enter the unit price and the delivery date."))
        return redirect("partners_portal:quotes")
    try:
        offer_quote(
            request.user,
            group_id=request.group.pk,
            quote_id=quote_id,
            unit_price=unit_price,
            delivery_date=delivery_date,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Offer sent to the partner."))
    return redirect("partners_portal:quotes")


@require_POST
@group_member_required
def ship(request, order_id):
    from .deliveries import ship_purchase_order

    quantities = {}
    for key, value in request.POST.items():
        if key.startswith("line_") and value.strip():
            try:
                quantities[int(key[5:])] = int(value)
            except ValueError:
                messages.error(request, _("Enter whole numbers."))
                return redirect("partners_portal:purchase_orders")
    try:
        shipment = ship_purchase_order(
            request.user, group_id=request.group.pk, order_id=order_id, quantities=quantities
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Delivery note %(number)s made.") % {"number": shipment.number})
    return redirect("partners_portal:purchase_orders")


@require_GET
@group_member_required
def delivery_note(request, shipment_id):
    from django.http import HttpResponse

    from .deliveries import delivery_note_pdf
    from .models import PurchaseOrderShipment

    shipment = get_object_or_404(
        PurchaseOrderShipment.objects.select_related("purchase_order__account__partner"),
        pk=shipment_id,
        group=request.group,
    )
    response = HttpResponse(delivery_note_pdf(shipment), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{shipment.number}.pdf"'
    return response


@require_GET
@group_member_required
def partners_wanted(request):
    """Approved partners in the group's province looking for a category the group sells."""
    from .models import AccountStatus, PartnerAccount

    categories = set(request.group.products.values_list("category_id", flat=True))
    parents = set(
        request.group.products.exclude(category__parent__isnull=True).values_list(
            "category__parent_id", flat=True
        )
    )
    accounts = (
        PartnerAccount.objects.filter(
            status=AccountStatus.APPROVED,
            district__regency__province_id=request.group.regency.province_id,
            looking_for__in=categories | parents,
        )
        .distinct()
        .select_related("partner", "district__regency")
        .prefetch_related("looking_for")
    )
    return render(request, "partners/portal/partners_wanted.html", {"accounts": accounts})
