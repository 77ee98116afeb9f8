"""Purchase orders: a partner buys wholesale across groups, paying now or on invoice.

``create_purchase_order`` validates everything first (approved partner, a buyer, MOQ, this
month's capacity, credit limit, no overdue invoice) and writes in one transaction.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalog.models import ProductVariant

from .errors import PartnerError, PartnerErrorCode
from .ledger import post_invoice_issued
from .models import (
    TERM_DAYS,
    AccountStatus,
    PartnerUser,
    PaymentTerms,
    PurchaseOrder,
    PurchaseOrderLine,
)
from .wholesale import check_wholesale_quantity, offers_for_variants, wholesale_unit_price


@dataclass
class LineRequest:
    variant_id: int
    quantity: int


def _rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def booked_this_month(variant_ids, *, today=None) -> dict[int, int]:
    today = today or timezone.localdate()
    start = today.replace(day=1)
    rows = (
        PurchaseOrderLine.objects.filter(
            variant_id__in=list(variant_ids), purchase_order__created_at__date__gte=start
        )
        .values("variant_id")
        .annotate(quantity=Sum("quantity"))
    )
    return {row["variant_id"]: row["quantity"] for row in rows}


def credit_outstanding(account) -> int:
    return (
        account.purchase_orders.exclude(terms=PaymentTerms.PAY_NOW)
        .filter(paid_at__isnull=True)
        .aggregate(total=Sum("total"))["total"]
        or 0
    )


def has_overdue_invoice(account, *, today=None) -> bool:
    today = today or timezone.localdate()
    return (
        account.purchase_orders.exclude(terms=PaymentTerms.PAY_NOW)
        .filter(paid_at__isnull=True, due_date__lt=today)
        .exists()
    )


def _next_number() -> str:
    year = timezone.localdate().year
    last = PurchaseOrder.objects.filter(number__startswith=f"PO-{year}-").order_by("-number")
    last = last.values_list("number", flat=True).first()
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"PO-{year}-{sequence:05d}"


def buyer_membership(user) -> PartnerUser:
    """The user's membership of an approved partner with a buying role, or a PartnerError."""
    membership = PartnerUser.objects.select_related("account__partner").filter(user=user).first()
    if membership is None or membership.account.status != AccountStatus.APPROVED:
        raise PartnerError(
            PartnerErrorCode.NOT_APPROVED,
            _("Only approved partners can place purchase orders."),
        )
    if not membership.can_buy:
        raise PartnerError(
            PartnerErrorCode.NOT_ALLOWED, _("Your role may not place purchase orders.")
        )
    return membership


def check_terms(terms: str) -> None:
    if terms not in PaymentTerms.values:
        raise PartnerError(PartnerErrorCode.INVALID, _("Choose the payment terms."), field="terms")


def create_purchase_order(user, lines: list[LineRequest], *, terms: str) -> PurchaseOrder:
    account = buyer_membership(user).account
    check_terms(terms)
    if not lines:
        raise PartnerError(PartnerErrorCode.INVALID, _("The purchase order is empty."))
    ids = [line.variant_id for line in lines]
    if len(set(ids)) != len(ids):
        raise PartnerError(PartnerErrorCode.INVALID, _("A variant appears twice in the order."))
    with transaction.atomic():
        # Lock the offers' variants so two POs cannot both take the last of a month's capacity.
        variants = {
            v.pk: v
            for v in ProductVariant.objects.select_for_update()
            .select_related("product")
            .filter(pk__in=ids)
        }
        offers = offers_for_variants(ids)
        booked = booked_this_month(ids)
        priced = []
        for line in lines:
            offer = offers.get(line.variant_id)
            variant = variants.get(line.variant_id)
            if offer is None or variant is None or not variant.product.is_published:
                raise PartnerError(
                    PartnerErrorCode.NO_OFFER, _("This product is not offered wholesale.")
                )
            check_wholesale_quantity(offer, line.quantity, booked=booked.get(variant.pk, 0))
            priced.append(
                (
                    variant,
                    line.quantity,
                    wholesale_unit_price(offer, line.quantity),
                    offer.lead_time_days,
                )
            )
        order = write_purchase_order(account, user, terms=terms, priced=priced)
    return order


def write_purchase_order(account, user, *, terms: str, priced: list) -> PurchaseOrder:
    """Check the credit, then write the PO, its lines, each group's part and the groups' notices.

    ``priced`` is ``[(variant, quantity, unit_price, lead_time_days)]``; call it inside a
    transaction that holds the variants' locks.
    """
    from .routing import route_purchase_order

    total = sum(quantity * price for _v, quantity, price, _d in priced)
    due_date = None
    if terms != PaymentTerms.PAY_NOW:
        if has_overdue_invoice(account):
            raise PartnerError(
                PartnerErrorCode.OVERDUE,
                _("An invoice is overdue: pay it before ordering on credit."),
            )
        available = account.credit_limit - credit_outstanding(account)
        if total > available:
            raise PartnerError(
                PartnerErrorCode.OVER_CREDIT_LIMIT,
                _("This order (%(total)s) is over your remaining credit (%(left)s).")
                % {"total": _rupiah(total), "left": _rupiah(max(available, 0))},
            )
        due_date = timezone.localdate() + timedelta(days=TERM_DAYS[terms])
    order = PurchaseOrder.objects.create(
        account=account,
        number=_next_number(),
        created_by=user,
        terms=terms,
        total=total,
        due_date=due_date,
    )
    PurchaseOrderLine.objects.bulk_create(
        [
            PurchaseOrderLine(
                purchase_order=order,
                group_id=variant.product.group_id,
                variant=variant,
                quantity=quantity,
                unit_price=price,
                lead_time_days=days,
            )
            for variant, quantity, price, days in priced
        ]
    )
    route_purchase_order(order, group_ids=[variant.product.group_id for variant, *_r in priced])
    post_invoice_issued(order)  # credit POs: the receivable and the groups' pending shares
    return order


def purchase_order_for(user, pk: int) -> PurchaseOrder:
    """The PO if the user acts for its partner; a 404 otherwise (another partner's PO)."""
    order = PurchaseOrder.objects.filter(pk=pk, account__users__user=user).first()
    if order is None:
        raise Http404
    return order
