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
