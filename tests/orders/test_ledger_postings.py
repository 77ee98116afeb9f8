"""The order services call the settlement postings at the right moments."""

from marketplace.orders.services import (
    accept_fulfillment,
    cancel_order,
    deliver_fulfillment,
    pack_fulfillment,
    reject_fulfillment,
    ship_fulfillment,
)
from marketplace.settlement.models import AccountKind, LedgerAccount
from tests.factories.catalog import StockFactory
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import DENPASAR, regency


def _balance(group, kind) -> int:
    account = LedgerAccount.objects.filter(group=group, kind=kind).first()
    return account.balance if account else 0


def test_payment_credits_pending_and_delivery_makes_it_payable(place_order, soap_stock):
    order = place_order((soap_stock, 2), paid=True)
    group = soap_stock.group
    # 2 × Rp 25.000 less 5 % commission, plus Rp 9.000 shipping
    assert _balance(group, AccountKind.PENDING) == 47_500 + 9_000
    fulfillment = order.fulfillments.get()
    accept_fulfillment(fulfillment.pk, actor=None)
    pack_fulfillment(fulfillment.pk, actor=None)
    ship_fulfillment(fulfillment.pk, actor=None, courier="JNE", tracking_number="J1")
    deliver_fulfillment(fulfillment.pk)
    assert (_balance(group, AccountKind.PENDING), _balance(group, AccountKind.PAYABLE)) == (
        0,
        56_500,
    )


def test_a_rejecting_group_keeps_nothing(place_order, soap_stock, coffee_stock):
    order = place_order((soap_stock, 2), (coffee_stock, 1), paid=True)
    reject_fulfillment(
        order.fulfillments.get(group=soap_stock.group).pk, actor=None, reason="Habis"
    )
    assert _balance(soap_stock.group, AccountKind.PENDING) == 0
    assert _balance(coffee_stock.group, AccountKind.PENDING) == 57_000 + 32_000


def test_canceling_a_paid_order_reverses_every_share(place_order, soap_stock, coffee_stock):
    order = place_order((soap_stock, 1), (coffee_stock, 1), paid=True)
    cancel_order(order.pk, actor=None, reason="Dibatalkan pembeli")
    assert _balance(soap_stock.group, AccountKind.PENDING) == 0
    assert _balance(coffee_stock.group, AccountKind.PENDING) == 0


def test_a_rerouted_line_is_credited_to_its_new_group(place_order, soap_stock):
    denpasar = UppksGroupFactory(regency=regency(DENPASAR))
    StockFactory(variant=soap_stock.variant, group=denpasar, quantity=5)
    order = place_order((soap_stock, 3), paid=True)
    reject_fulfillment(order.fulfillments.get().pk, actor=None, reason="Bahan habis")
    assert _balance(soap_stock.group, AccountKind.PENDING) == 0
    # 3 × Rp 25.000 less 5 %, plus the new shipment's Rp 14.000 (same province)
    assert _balance(denpasar, AccountKind.PENDING) == 71_250 + 14_000
