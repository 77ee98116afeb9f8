"""Purchase orders in the ledger: receivable, groups' pending → payable on payment or delivery."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from marketplace.partners.deliveries import ship_purchase_order
from marketplace.partners.invoices import record_invoice_payment
from marketplace.partners.ledger import post_invoice_issued, post_invoice_paid
from marketplace.partners.purchase_orders import LineRequest, create_purchase_order
from marketplace.partners.wholesale import set_wholesale_offer
from marketplace.settlement.models import AccountKind, LedgerEntry
from marketplace.settlement.reconciliation import ledger_problems
from marketplace.settlement.statements import group_balances
from tests.factories.accounts import StaffUserFactory
from tests.factories.catalog import ProductVariantFactory
from tests.factories.groups import GroupMemberFactory
from tests.factories.partners import PartnerUserFactory

pytestmark = pytest.mark.django_db


def setup_order(terms="net14"):
    from marketplace.settlement.models import GroupCommission

    hotel = PartnerUserFactory(account__credit_limit=10_000_000)
    variants = []
    for _n in range(2):
        variant = ProductVariantFactory(price=15_000)
        GroupCommission.objects.create(group=variant.product.group, percent=Decimal("10"))
        set_wholesale_offer(
            group_id=variant.product.group_id,
            variant_id=variant.pk,
            min_order_quantity=50,
            lead_time_days=7,
            monthly_capacity=500,
            tiers=[(50, 12_000), (100, 10_500)],
        )
        variants.append(variant)
    order = create_purchase_order(
        hotel.user, [LineRequest(v.pk, 100) for v in variants], terms=terms
    )
    return order, [v.product.group for v in variants]


def receivable() -> int:
    """The partner receivable as people read it (debit normal), from its entries."""
    total = LedgerEntry.objects.filter(
        account__kind=AccountKind.RECEIVABLE, account__group__isnull=True
    ).aggregate(total=Sum("amount"))["total"]
    return -(total or 0)


def ship_all(order, group):
    for line in order.lines.filter(group=group):
        ship_purchase_order(
            GroupMemberFactory(group=group).user,
            group_id=group.pk,
            order_id=order.pk,
            quantities={line.pk: line.quantity // 2},
        )
        ship_purchase_order(
            GroupMemberFactory(group=group).user,
            group_id=group.pk,
            order_id=order.pk,
            quantities={line.pk: line.quantity - line.quantity // 2},
        )


def test_invoice_ledger_receivable_then_payable_when_paid():
    order, groups = setup_order()
    assert receivable() == 2_100_000
    for group in groups:
        assert group_balances(group)["pending"] == 945_000  # 1.050.000 less 10 %
    ship_all(order, groups[0])
    assert group_balances(groups[0])["payable"] == 0  # no advance by default
    record_invoice_payment(
        StaffUserFactory(is_superuser=True), order, amount=2_100_000, reference="BCA 123"
    )
    assert receivable() == 0
    for group in groups:
        balances = group_balances(group)
        assert (balances["pending"], balances["payable"]) == (0, 945_000)
    post_invoice_paid(order)  # a replay changes nothing
    post_invoice_issued(order)
    assert ledger_problems() == []
    assert LedgerEntry.objects.aggregate(total=Sum("amount"))["total"] == 0
    assert group_balances(groups[0])["payable"] == 945_000


def test_invoice_ledger_advance_on_delivery(settings):
    settings.PARTNER_ADVANCE_ON_DELIVERY = True
    order, groups = setup_order()
    ship_all(order, groups[0])
    assert group_balances(groups[0])["payable"] == 945_000
    assert group_balances(groups[1])["payable"] == 0
    assert receivable() == 2_100_000  # the partner still owes: the platform carries the risk
    record_invoice_payment(
        StaffUserFactory(is_superuser=True), order, amount=2_100_000, reference="BCA 9"
    )
    assert [group_balances(g)["payable"] for g in groups] == [945_000, 945_000]
    assert ledger_problems() == []


def test_purchase_order_pay_now_posts_no_invoice():
    setup_order(terms="now")
    assert receivable() == 0
