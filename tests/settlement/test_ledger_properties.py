"""Any sequence of payments, rejections, refunds, deliveries and payouts keeps the ledger whole."""

import contextlib
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.orders.models import FulfillmentStatus
from marketplace.settlement.errors import SettlementError
from marketplace.settlement.models import (
    DEBIT_NORMAL_KINDS,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    LineStatus,
    PayoutBatch,
    PayoutLine,
)
from marketplace.settlement.payouts import fail_payout_line, mark_batch_paid, run_payouts
from marketplace.settlement.postings import (
    post_cod_delivered,
    post_fulfillment_delivered,
    post_fulfillment_reversed,
    post_payment_confirmed,
)
from marketplace.settlement.reconciliation import ledger_problems
from tests.factories.groups import UppksGroupFactory
from tests.factories.settlement import PayoutAccountFactory, paid_order

PERCENTS = [Decimal("0"), Decimal("5"), Decimal("10"), Decimal("12.5"), Decimal("100")]

pay = st.tuples(
    st.just("pay"),
    st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),  # which groups
    st.lists(st.integers(1, 400_000), min_size=1, max_size=3),  # line totals per group
    st.sampled_from(PERCENTS),
    st.sampled_from([0, 9_000, 15_500]),
)
pick = st.integers(0, 10_000)
# issue 17: a cash-on-delivery order (nothing paid through us; delivered = commission owed)
cod = st.tuples(
    st.just("cod"),
    st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
    st.lists(st.integers(1, 400_000), min_size=1, max_size=3),
    st.sampled_from(PERCENTS),
    st.sampled_from([0, 9_000]),
)
step = st.one_of(
    pay,
    cod,
    st.tuples(st.just("deliver"), pick),
    st.tuples(st.just("reject"), pick),
    st.tuples(st.just("refund_line"), pick, pick),
    st.tuples(st.just("payout"), st.sampled_from([1, 50_000, 250_000])),
    st.tuples(st.just("mark_paid"), pick),
    st.tuples(st.just("fail_line"), pick),
    st.tuples(st.just("replay"), pick),
    # Issue 18: partners' purchase orders on credit, partial deliveries, invoice payments.
    st.tuples(
        st.just("purchase_order"),
        st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
        st.sampled_from([50, 120, 200]),
    ),
    st.tuples(st.just("po_ship"), pick, pick, st.booleans(), st.booleans()),
    st.tuples(st.just("invoice_paid"), pick),
)


def snapshot():
    return (
        LedgerEntry.objects.count(),
        tuple(LedgerAccount.objects.order_by("pk").values_list("pk", "balance")),
        LedgerEntry.objects.aggregate(total=Sum("amount"))["total"],
    )


def assert_ledger_whole():
    assert ledger_problems() == []
    assert (LedgerEntry.objects.aggregate(total=Sum("amount"))["total"] or 0) == 0
    for account in LedgerAccount.objects.filter(group__isnull=False):
        total = account.entries.aggregate(total=Sum("amount"))["total"] or 0
        assert account.balance == total
        assert account.normal_balance >= 0, account
    for kind in DEBIT_NORMAL_KINDS:
        assert all(a.normal_balance >= 0 for a in LedgerAccount.objects.filter(kind=kind))
    pending_per_group = (
        PayoutLine.objects.filter(status=LineStatus.PENDING)
        .values("group")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert list(pending_per_group) == []


class World:
    def __init__(self):
        self.groups = [UppksGroupFactory() for _ in range(3)]
        for group in self.groups[:2]:  # the third group has no bank account yet
            PayoutAccountFactory(group=group)
        self.orders = []
        self.events = []  # callables that post one event again

    def fulfillments(self):
        return [f for order in self.orders for f in order.fulfillments.order_by("pk")]

    def apply(self, action):
        kind, *args = action
        getattr(self, kind)(*args)

    def pay(self, group_indexes, totals, percent, shipping):
        order = paid_order(
            {self.groups[i]: totals for i in group_indexes}, shipping=shipping, percent=percent
        )
        self.orders.append(order)
        post_payment_confirmed(order)
        self.events.append(lambda: post_payment_confirmed(order))

    def cod(self, group_indexes, totals, percent, shipping):
        order = paid_order(
            {self.groups[i]: totals for i in group_indexes}, shipping=shipping, percent=percent
        )
        order.payment_method, order.total_charged = "cod", 0
        order.save(update_fields=["payment_method", "total_charged"])
        self.orders.append(order)

    def deliver(self, index):
        candidates = [f for f in self.fulfillments() if f.status != FulfillmentStatus.REJECTED]
        if candidates:
            fulfillment = candidates[index % len(candidates)]
            fulfillment.status = FulfillmentStatus.DELIVERED
            fulfillment.save(update_fields=["status"])
            if fulfillment.order.payment_method == "cod":
                post_cod_delivered(fulfillment)
                self.events.append(lambda: post_cod_delivered(fulfillment))
                return
            post_fulfillment_delivered(fulfillment)
            self.events.append(lambda: post_fulfillment_delivered(fulfillment))

    def reject(self, index):
        candidates = [f for f in self.fulfillments() if f.status == FulfillmentStatus.NEW]
        if candidates:
            fulfillment = candidates[index % len(candidates)]
            fulfillment.status = FulfillmentStatus.REJECTED
            fulfillment.save(update_fields=["status"])
            post_fulfillment_reversed(fulfillment)
            self.events.append(lambda: post_fulfillment_reversed(fulfillment))

    def refund_line(self, index, line_index):
        candidates = [f for f in self.fulfillments() if f.status != FulfillmentStatus.REJECTED]
        if candidates:
            fulfillment = candidates[index % len(candidates)]
            lines = list(fulfillment.order.lines.filter(group=fulfillment.group).order_by("pk"))
            line = lines[line_index % len(lines)]
            post_fulfillment_reversed(fulfillment, order_lines=[line])
            self.events.append(lambda: post_fulfillment_reversed(fulfillment, order_lines=[line]))

    def payout(self, minimum):
        with contextlib.suppress(SettlementError):
            run_payouts(minimum=minimum)

    def mark_paid(self, index):
        batches = list(PayoutBatch.objects.order_by("pk"))
        if batches:
            with contextlib.suppress(SettlementError):
                mark_batch_paid(batches[index % len(batches)].pk, actor=None)

    def fail_line(self, index):
        lines = list(PayoutLine.objects.order_by("pk"))
        if lines:
            with contextlib.suppress(SettlementError):
                fail_payout_line(lines[index % len(lines)].pk, actor=None, reason="ditolak bank")

    def _partner(self):
        if not hasattr(self, "hotel"):
            from marketplace.partners.wholesale import set_wholesale_offer
            from tests.factories.catalog import ProductVariantFactory
            from tests.factories.partners import PartnerUserFactory

            self.hotel = PartnerUserFactory(account__credit_limit=10**12)
            self.po_variants = []
            for group in self.groups:
                variant = ProductVariantFactory(product__group=group, price=15_000)
                set_wholesale_offer(
                    group_id=group.pk,
                    variant_id=variant.pk,
                    min_order_quantity=50,
                    lead_time_days=3,
                    monthly_capacity=10**6,
                    tiers=[(50, 12_000), (100, 10_500)],
                )
                self.po_variants.append(variant)
            self.purchase_orders = []
        return self.hotel

    def purchase_order(self, group_indexes, quantity):
        from marketplace.partners.ledger import post_invoice_issued
        from marketplace.partners.purchase_orders import LineRequest, create_purchase_order

        hotel = self._partner()
        lines = [LineRequest(self.po_variants[i].pk, quantity) for i in group_indexes]
        order = create_purchase_order(hotel.user, lines, terms="net14")
        self.purchase_orders.append(order)
        self.events.append(lambda: post_invoice_issued(order))

    def po_ship(self, index, line_index, whole, advance):
        from django.test import override_settings

        from marketplace.partners.deliveries import delivered_quantities, ship_purchase_order
        from marketplace.partners.ledger import post_group_delivered

        if not getattr(self, "purchase_orders", None):
            return
        order = self.purchase_orders[index % len(self.purchase_orders)]
        delivered = delivered_quantities(order)
        open_lines = [
            line for line in order.lines.order_by("pk") if delivered.get(line.pk, 0) < line.quantity
        ]
        if not open_lines:
            return
        line = open_lines[line_index % len(open_lines)]
        left = line.quantity - delivered.get(line.pk, 0)
        with override_settings(PARTNER_ADVANCE_ON_DELIVERY=advance):
            ship_purchase_order(
                self.hotel.user,
                group_id=line.group_id,
                order_id=order.pk,
                quantities={line.pk: left if whole else max(left // 2, 1)},
            )
        self.events.append(lambda: post_group_delivered(order, line.group_id))

    def invoice_paid(self, index):
        from marketplace.partners.invoices import record_invoice_payment
        from marketplace.partners.ledger import post_invoice_paid

        if not getattr(self, "purchase_orders", None):
            return
        order = self.purchase_orders[index % len(self.purchase_orders)]
        order.refresh_from_db()
        if order.paid_at is None:
            record_invoice_payment(None, order, amount=order.total, reference="TRF")
        self.events.append(lambda: post_invoice_paid(order))

    def replay(self, index):
        if self.events:
            before = snapshot()
            self.events[index % len(self.events)]()
            assert snapshot() == before


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=18))
def test_ledger_stays_balanced_through_any_sequence_of_events(db, steps):
    with transaction.atomic():
        world = World()
        for action in steps:
            world.apply(action)
            assert_ledger_whole()
        for replay in world.events:  # replaying every event at the end changes nothing
            before = snapshot()
            replay()
            assert snapshot() == before
        assert LedgerTransaction.objects.values("key").distinct().count() == (
            LedgerTransaction.objects.count()
        )
        transaction.set_rollback(True)
