"""``{% wholesale_box variants %}``: tiers, MOQ and lead time, for approved partners only."""

from django import template

from ..services import partner_membership
from ..wholesale import offers_for_variants

register = template.Library()


@register.inclusion_tag("partners/storefront/_wholesale_box.html", takes_context=True)
def wholesale_box(context, variants):
    request = context.get("request")
    membership = partner_membership(getattr(request, "user", None)) if request else None
    if membership is None:
        return {"rows": []}
    ids = [v["id"] if isinstance(v, dict) else v.id for v in variants]
    labels = {
        (v["id"] if isinstance(v, dict) else v.id): (
            v.get("label") if isinstance(v, dict) else v.label
        )
        for v in variants
    }
    offers = offers_for_variants(ids)
    rows = [
        {"label": labels[vid], "offer": offers[vid], "tiers": list(offers[vid].tiers.all())}
        for vid in ids
        if vid in offers
    ]
    return {"rows": rows, "partner": membership.account.partner}
