"""Wholesale offers: a group's tiers, MOQ, lead time and monthly capacity for one variant.

The tiers are the wholesale "channel" price list shared by every approved partner (see
docs/ARCHITECTURE.md, "Partners and wholesale"): the unit price for a quantity is the price of
the highest tier it reaches; quantities under the MOQ are not sold wholesale.
"""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.catalog.models import ProductVariant
from marketplace.core.audit import record

from .errors import PartnerError, PartnerErrorCode
from .models import WholesaleOffer, WholesaleTier

MAX_LEAD_TIME_DAYS = 365


def validate_tiers(
    tiers: Sequence[tuple[int, int]], *, min_order_quantity: int, retail_price: int
) -> list[tuple[int, int]]:
    """Sorted ``(min_quantity, unit_price)`` pairs, or a PartnerError saying what is wrong."""
    if not tiers:
        raise PartnerError(
            PartnerErrorCode.INVALID, _("Enter at least one price tier."), field="tiers"
        )
    ordered = sorted((int(q), int(p)) for q, p in tiers)
    quantities = [q for q, _p in ordered]
    if len(set(quantities)) != len(quantities):
        raise PartnerError(
            PartnerErrorCode.INVALID, _("Two tiers start at the same quantity."), field="tiers"
        )
    if any(q < 1 or p < 1 for q, p in ordered):
        raise PartnerError(
            PartnerErrorCode.INVALID, _("Quantities and prices must be above zero."), field="tiers"
        )
    if ordered[0][0] != min_order_quantity:
        raise PartnerError(
            PartnerErrorCode.INVALID,
            _("The first tier must start at the minimum order quantity (%(moq)s).")
            % {"moq": min_order_quantity},
            field="tiers",
        )
    for (q1, p1), (q2, p2) in zip(ordered, ordered[1:], strict=False):
        if p2 >= p1:
            raise PartnerError(
                PartnerErrorCode.TIERS_NOT_FALLING,
                _(
                    "Prices must fall as quantities rise: %(q2)s+ at Rp %(p2)s is not below "
                    "%(q1)s+ at Rp %(p1)s."
                )
                % {
                    "q1": q1,
                    "p1": f"{p1:,}".replace(",", "."),
                    "q2": q2,
                    "p2": f"{p2:,}".replace(",", "."),
                },
                field="tiers",
            )
    if ordered[0][1] > retail_price:
        raise PartnerError(
            PartnerErrorCode.INVALID,
            _("A wholesale price cannot be above the retail price (Rp %(price)s).")
            % {"price": f"{retail_price:,}".replace(",", ".")},
            field="tiers",
        )
    return ordered


def validate_offer_numbers(
    min_order_quantity: int | None, lead_time_days: int | None, monthly_capacity: int | None
) -> None:
    if min_order_quantity is None or min_order_quantity < 1:
        raise PartnerError(
            PartnerErrorCode.INVALID,
            _("The minimum order quantity must be at least 1."),
            field="min_order_quantity",
        )
    if lead_time_days is None or not 0 <= lead_time_days <= MAX_LEAD_TIME_DAYS:
        raise PartnerError(
            PartnerErrorCode.INVALID,
            _("The lead time must be between 0 and %(max)s days.") % {"max": MAX_LEAD_TIME_DAYS},
            field="lead_time_days",
        )
    if monthly_capacity is None or monthly_capacity < min_order_quantity:
        raise PartnerError(
            PartnerErrorCode.INVALID,
            _("The monthly capacity cannot be below the minimum order quantity."),
            field="monthly_capacity",
        )


def set_wholesale_offer(
    *,
    group_id: int,
    variant_id: int,
    min_order_quantity: int,
    lead_time_days: int,
    monthly_capacity: int,
    tiers: Sequence[tuple[int, int]],
    actor=None,
) -> WholesaleOffer:
    """Create or replace the wholesale offer of a variant of the group's own product."""
    variant = ProductVariant.objects.select_related("product").filter(pk=variant_id).first()
    if variant is None:
        raise PartnerError(PartnerErrorCode.INVALID, _("The variant does not exist."))
    if variant.product.group_id != group_id:
        raise PartnerError(
            PartnerErrorCode.OTHER_GROUP_VARIANT,
            _("%(sku)s belongs to another group: you can only offer your own products.")
            % {"sku": variant.sku},
        )
    validate_offer_numbers(min_order_quantity, lead_time_days, monthly_capacity)
    ordered = validate_tiers(
        tiers, min_order_quantity=min_order_quantity, retail_price=variant.price
    )
    with transaction.atomic():
        offer, created = WholesaleOffer.objects.update_or_create(
            variant=variant,
            defaults={
                "min_order_quantity": min_order_quantity,
                "lead_time_days": lead_time_days,
                "monthly_capacity": monthly_capacity,
            },
        )
        offer.tiers.all().delete()
        WholesaleTier.objects.bulk_create(
            [WholesaleTier(offer=offer, min_quantity=q, unit_price=p) for q, p in ordered]
        )
        if actor is not None:
            record(
                actor,
                offer,
                "wholesale_offer_set",
                {"tiers": [None, [list(t) for t in ordered]]},
                province_code=variant.product.group.regency.province_id,
            )
    return offer


def remove_wholesale_offer(*, group_id: int, variant_id: int) -> bool:
    return (
        WholesaleOffer.objects.filter(
            variant_id=variant_id, variant__product__group_id=group_id
        ).delete()[0]
        > 0
    )


def wholesale_unit_price(offer: WholesaleOffer, quantity: int) -> int:
    """The unit price for ``quantity`` units; a PartnerError under the MOQ."""
    check_wholesale_quantity(offer, quantity)
    price = None
    for tier in sorted(offer.tiers.all(), key=lambda t: t.min_quantity):
        if quantity >= tier.min_quantity:
            price = tier.unit_price
    return price


def check_wholesale_quantity(offer: WholesaleOffer, quantity: int, *, booked: int = 0) -> None:
    """Refuse a quantity under the MOQ or, with ``booked`` this month, over the capacity."""
    if quantity < offer.min_order_quantity:
        raise PartnerError(
            PartnerErrorCode.UNDER_MOQ,
            _("The minimum order for %(sku)s is %(moq)s units.")
            % {"sku": offer.variant.sku, "moq": offer.min_order_quantity},
            field="quantity",
        )
    if quantity + booked > offer.monthly_capacity:
        raise PartnerError(
            PartnerErrorCode.OVER_CAPACITY,
            _("%(sku)s can be made at most %(left)s more units this month.")
            % {"sku": offer.variant.sku, "left": max(offer.monthly_capacity - booked, 0)},
            field="quantity",
        )


def offers_for_variants(variant_ids: Sequence[int]) -> dict[int, WholesaleOffer]:
    offers = WholesaleOffer.objects.filter(variant_id__in=list(variant_ids)).prefetch_related(
        "tiers"
    )
    return {offer.variant_id: offer for offer in offers}
