"""Quotes: a partner asks one group for a price, the group offers price and date, the partner
accepts and the quote becomes a PO with one line at the quoted price.

Only the group a request is addressed to may quote for it: another group's offer is refused and
nothing is written. An accepted quote is a PO like any other (routing, credit limit, invoice).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalog.models import ProductVariant
from marketplace.notifications.outbox import enqueue, recipients_for_group

from .errors import PartnerError, PartnerErrorCode
from .models import PurchaseOrder, QuoteRequest, QuoteStatus
from .purchase_orders import buyer_membership, check_terms, write_purchase_order
from .routing import _site_url

MAX_QUOTE_QUANTITY = 1_000_000


def request_quote(user, *, variant_id: int, quantity: int, note: str = "") -> QuoteRequest:
    account = buyer_membership(user).account
    variant = ProductVariant.objects.select_related("product__group").filter(pk=variant_id).first()
    if variant is None or not variant.product.is_published:
        raise PartnerError(PartnerErrorCode.INVALID, _("This product is not for sale."))
    if not 0 < int(quantity) <= MAX_QUOTE_QUANTITY:
        raise PartnerError(
            PartnerErrorCode.INVALID, _("Enter the quantity you need."), field="quantity"
        )
    group = variant.product.group
    with transaction.atomic():
        quote = QuoteRequest.objects.create(
            account=account,
            group=group,
            variant=variant,
            quantity=int(quantity),
            note=(note or "").strip()[:1000],
            requested_by=user,
        )
        enqueue(
            "quote_requested",
            about=quote,
            recipients=recipients_for_group(group),
            context={
                "partner": account.partner.name,
                "group_name": group.name,
                "quantity": quote.quantity,
                "item": str(variant),
                "site_url": _site_url(),
            },
        )
    return quote


def offer_quote(
    user, *, group_id: int, quote_id: int, unit_price: int, delivery_date: date
) -> QuoteRequest:
    """The group answers a request addressed to it with a unit price and a delivery date."""
    with transaction.atomic():
        quote = (
            QuoteRequest.objects.select_for_update(of=("self",))
            .select_related("group", "variant__product", "account__partner")
            .filter(pk=quote_id)
            .first()
        )
        if quote is None or quote.group_id != group_id:
            raise PartnerError(
                PartnerErrorCode.OTHER_GROUP_QUOTE,
                _("This quote request is addressed to another group: only that group may quote."),
            )
        if quote.status == QuoteStatus.ACCEPTED:
            raise PartnerError(
                PartnerErrorCode.INVALID, _("The partner has already accepted this quote.")
            )
        if not unit_price or int(unit_price) < 1:
            raise PartnerError(
                PartnerErrorCode.INVALID, _("Enter the unit price."), field="unit_price"
            )
        if delivery_date is None or delivery_date < timezone.localdate():
            raise PartnerError(
                PartnerErrorCode.INVALID,
                _("The delivery date cannot be in the past."),
                field="delivery_date",
            )
        quote.unit_price = int(unit_price)
        quote.delivery_date = delivery_date
        quote.status = QuoteStatus.OFFERED
        quote.offered_by = user
        quote.offered_at = timezone.now()
        quote.save(
            update_fields=["unit_price", "delivery_date", "status", "offered_by", "offered_at"]
        )
        from .routing import buyer_recipients

        enqueue(
            "quote_offered",
            about=quote,
            recipients=buyer_recipients(quote),
            context={
                "group_name": quote.group.name,
                "quantity": quote.quantity,
                "item": str(quote.variant),
                "unit_price": quote.unit_price,
                "delivery_date": delivery_date.isoformat(),
                "site_url": _site_url(),
            },
        )
    return quote


def accept_quote(user, quote_id: int, *, terms: str) -> PurchaseOrder:
    """The partner accepts the group's offer: a PO of one line at the quoted price and date."""
    account = buyer_membership(user).account
    check_terms(terms)
    with transaction.atomic():
        quote = (
            QuoteRequest.objects.select_for_update(of=("self",))
            .filter(pk=quote_id, account=account)
            .first()
        )
        if quote is None:
            from django.http import Http404

            raise Http404
        if quote.status != QuoteStatus.OFFERED:
            raise PartnerError(
                PartnerErrorCode.NOT_OFFERED, _("The group has not made an offer to accept yet.")
            )
        variant = (
            ProductVariant.objects.select_for_update()
            .select_related("product")
            .get(pk=quote.variant_id)
        )
        days = max((quote.delivery_date - timezone.localdate()).days, 0)
        order = write_purchase_order(
            account,
            user,
            terms=terms,
            priced=[(variant, quote.quantity, quote.unit_price, days)],
        )
        quote.status = QuoteStatus.ACCEPTED
        quote.purchase_order = order
        quote.save(update_fields=["status", "purchase_order"])
    return order
