"""Cash on delivery through the courier: Biteship collects at the door where the service offers
it, and its "delivered" records the cash as the payments issue's COD does."""

import json

import pytest

from marketplace.checkout.services import add_lines, choose_courier, set_payment_method
from marketplace.checkout.services import complete_checkout as place
from marketplace.orders.models import (
    Fulfillment,
    FulfillmentStatus,
    OrderChargeStatus,
    OrderStatus,
    PaymentMethod,
)
from marketplace.orders.services import accept_fulfillment
from marketplace.payments.models import TransactionGateway, TransactionItem
from marketplace.settlement.commission import commission_amount
from marketplace.settlement.models import (
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    TransactionKind,
)
from marketplace.settlement.reconciliation import ledger_problems
from marketplace.shipping.biteship import COD_TYPE
from marketplace.shipping.errors import ShippingError, ShippingErrorCode
from marketplace.shipping.models import Shipment
from marketplace.shipping.services import book_pickup
from tests.factories.groups import GroupMemberFactory
from tests.fixtures.biteship import WEBHOOK_SECRET

from .conftest import stocked

URL = "/shipping/webhooks/biteship/"


def cod_fulfillment(cart, group, *, courier, service):
    group.accepts_cod = True
    group.save(update_fields=["accepts_cod"])
    stock = stocked(group, price=40_000)
    add_lines(cart.pk, [(stock.variant_id, 2)])
    choose_courier(cart.pk, group_id=group.pk, courier=courier, service=service)
    set_payment_method(cart.pk, PaymentMethod.COD)
    order = place(cart.pk)
    assert order.payment_method == PaymentMethod.COD
    fulfillment = Fulfillment.objects.get(order=order)
    member = GroupMemberFactory(group=group).user
    accept_fulfillment(fulfillment.pk, actor=member)
    fulfillment.member = member
    return fulfillment


def post(client, payload):
    return client.post(
        URL,
        data=json.dumps(payload),
        content_type="application/json",
        headers={"X-Biteship-Signature": WEBHOOK_SECRET},
    )


def test_pickup_of_a_cod_order_asks_the_courier_to_collect_the_cash(biteship, cart, gianyar_group):
    fulfillment = cod_fulfillment(cart, gianyar_group, courier="jne", service="reg")
    order = fulfillment.order
    assert order.total == 80_000 + 9_000  # two 40.000 baskets and JNE REG inside Bali
    shipment = book_pickup(fulfillment.pk, actor=fulfillment.member)
    [booking] = biteship.order_calls()
    assert booking["destination_cash_on_delivery"] == 89_000
    assert booking["destination_cash_on_delivery_type"] == COD_TYPE == "7_days"
    stored = biteship.orders[shipment.provider_order_id]
    assert stored["destination"]["cash_on_delivery"]["amount"] == 89_000
    shipment.refresh_from_db()
    assert (shipment.cod_available, shipment.cod_amount) == (True, 89_000)


def test_pickup_of_a_cod_order_shows_the_courier_collects_in_the_portal(
    biteship, client, cart, gianyar_group
):
    fulfillment = cod_fulfillment(cart, gianyar_group, courier="jne", service="reg")
    client.force_login(fulfillment.member)
    client.post(f"/shipping/portal/{fulfillment.pk}/pick-up/")
    page = client.get(f"/portal/pesanan/{fulfillment.pk}/").content.decode()
    assert "Bayar di tempat: kurir menagih Rp 89.000." in page


def test_pickup_of_a_prepaid_order_sends_no_cod_fields(biteship, accepted):
    shipment = book_pickup(accepted.pk, actor=accepted.member)
    [booking] = biteship.order_calls()
    assert "destination_cash_on_delivery" not in booking
    assert Shipment.objects.get(pk=shipment.pk).cod_amount == 0


def test_pickup_of_a_cod_order_with_a_courier_without_cod_is_refused_and_nothing_booked(
    biteship, cart, gianyar_group
):
    fulfillment = cod_fulfillment(cart, gianyar_group, courier="pos", service="kilat")
    with pytest.raises(ShippingError) as error:
        book_pickup(fulfillment.pk, actor=fulfillment.member)
    assert error.value.code == ShippingErrorCode.COD_NOT_SUPPORTED
    assert error.value.message == (
        "Layanan kurir ini tidak menerima bayar di tempat; antar paketnya sendiri dan "
        "terima pembayarannya."
    )
    assert biteship.order_calls() == []
    shipment = Shipment.objects.get(fulfillment=fulfillment)
    assert (shipment.booked_at, shipment.provider_order_id, shipment.cod_available) == (
        None,
        None,
        False,
    )


def test_tracking_delivered_for_a_cod_parcel_records_the_cash_the_courier_collected(
    biteship, client, cart, gianyar_group
):
    fulfillment = cod_fulfillment(cart, gianyar_group, courier="sicepat", service="reg")
    shipment = book_pickup(fulfillment.pk, actor=fulfillment.member)
    assert post(client, biteship.webhook_payload(shipment.provider_order_id, "picked")).json() == {
        "ok": True,
        "result": "status",
    }
    assert Fulfillment.objects.get(pk=fulfillment.pk).status == FulfillmentStatus.SHIPPED
    delivered = biteship.webhook_payload(shipment.provider_order_id, "delivered")
    assert post(client, delivered).status_code == 200
    order = Fulfillment.objects.get(pk=fulfillment.pk).order
    assert (order.status, order.charge_status, order.total_charged) == (
        OrderStatus.FULFILLED,
        OrderChargeStatus.FULLY_CHARGED,
        80_000 + 8_000,
    )
    cash = TransactionItem.objects.get(gateway=TransactionGateway.COD)
    assert (cash.charged_value, cash.psp_reference) == (88_000, f"cod-{fulfillment.pk}")
    # the courier's cash reaches the marketplace: the group's share is released to payable and
    # the commission it would owe for cash in hand is set off
    line = order.lines.get()
    commission = commission_amount(line.total_price, line.commission_percent)
    assert commission > 0
    balances = {
        kind: LedgerAccount.objects.get(group=gianyar_group, kind=kind).balance
        for kind in (AccountKind.PAYABLE, AccountKind.RECOVERABLE, AccountKind.PENDING)
    }
    assert balances == {
        AccountKind.PAYABLE: 88_000 - commission,
        AccountKind.RECOVERABLE: 0,
        AccountKind.PENDING: 0,
    }
    assert LedgerEntry.objects.filter(transaction__kind=TransactionKind.COD_COMMISSION).exists()
    clearing = LedgerEntry.objects.filter(account__kind=AccountKind.CLEARING)
    assert sum(entry.amount for entry in clearing) == -88_000
    assert ledger_problems() == []
    # Biteship repeats the call: nothing more is recorded
    assert post(client, delivered).json()["result"] == "duplicate"
    assert TransactionItem.objects.filter(gateway=TransactionGateway.COD).count() == 1
