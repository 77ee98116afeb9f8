"""Cash on delivery (bayar di tempat): opt-in groups, a cap, unpaid routing, cash at the door."""

import pytest
from django.urls import reverse

from marketplace.accounts.models import StaffRole
from marketplace.catalog.models import Stock
from marketplace.checkout.completion import complete_checkout
from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.services import set_payment_method
from marketplace.core.money import format_rupiah
from marketplace.notifications.models import OutboxMessage
from marketplace.orders.cod import deliver_cod_fulfillment, refuse_cod_delivery
from marketplace.orders.errors import OrderError
from marketplace.orders.models import (
    FulfillmentStatus,
    Order,
    OrderChargeStatus,
    OrderStatus,
    PaymentMethod,
)
from marketplace.orders.services import (
    accept_fulfillment,
    deliver_fulfillment,
    pack_fulfillment,
    ship_fulfillment,
)
from marketplace.payments.models import TransactionGateway, TransactionItem
from marketplace.settlement.models import AccountKind, LedgerEntry, TransactionKind
from marketplace.settlement.reconciliation import ledger_problems
from tests.factories.accounts import StaffUserFactory
from tests.factories.checkout import CheckoutLineFactory
from tests.factories.groups import GroupMemberFactory

pytestmark = pytest.mark.django_db


def cod_checkout(*, groups=1, accepts=True, quantity=1):
    first = CheckoutLineFactory(quantity=quantity)
    lines = [first] + [
        CheckoutLineFactory(checkout=first.checkout, quantity=quantity) for _ in range(groups - 1)
    ]
    for line in lines:
        group = line.variant.product.group
        group.accepts_cod = accepts
        group.save(update_fields=["accepts_cod"])
    set_payment_method(first.checkout.pk, PaymentMethod.COD)
    return first.checkout


def shipped(fulfillment, actor):
    accept_fulfillment(fulfillment.pk, actor=actor)
    pack_fulfillment(fulfillment.pk, actor=actor)
    ship_fulfillment(fulfillment.pk, actor=actor, courier="JNE", tracking_number="JNE123")


def test_cod_order_goes_to_the_groups_unpaid(django_user_model):
    checkout = cod_checkout(groups=2)
    order = complete_checkout(checkout.pk)
    assert (order.status, order.charge_status, order.total_charged) == (
        OrderStatus.UNFULFILLED,
        OrderChargeStatus.NOT_CHARGED,
        0,
    )
    assert order.expires_at is None
    assert OutboxMessage.objects.filter(event="fulfillment_routed").count() == 2
    assert not LedgerEntry.objects.exists()


def test_cod_delivery_records_the_cash_and_the_group_owes_commission(admin_user):
    order = complete_checkout(cod_checkout().pk)
    fulfillment = order.fulfillments.get()
    shipped(fulfillment, admin_user)
    due = order.total  # one group: its line and its shipping
    # when
    deliver_cod_fulfillment(fulfillment.pk, cash_collected=due, actor=admin_user)
    # then
    order.refresh_from_db()
    assert (order.status, order.charge_status, order.total_charged) == (
        OrderStatus.FULFILLED,
        OrderChargeStatus.FULLY_CHARGED,
        due,
    )
    cash = TransactionItem.objects.get(gateway=TransactionGateway.COD)
    assert (cash.charged_value, cash.psp_reference) == (due, f"cod-{fulfillment.pk}")
    line = order.lines.get()
    commission = line.total_price * line.commission_percent / 100
    entries = LedgerEntry.objects.filter(transaction__kind=TransactionKind.COD_COMMISSION)
    by_kind = {e.account.kind: e.amount for e in entries.select_related("account")}
    assert by_kind == {
        AccountKind.RECOVERABLE: -int(commission),
        AccountKind.COMMISSION: int(commission),
    }
    assert not LedgerEntry.objects.filter(account__kind=AccountKind.PAYABLE).exists()
    assert ledger_problems() == []


def test_cod_delivery_twice_posts_once(admin_user):
    order = complete_checkout(cod_checkout().pk)
    fulfillment = order.fulfillments.get()
    shipped(fulfillment, admin_user)
    deliver_cod_fulfillment(fulfillment.pk, cash_collected=order.total, actor=admin_user)
    with pytest.raises(OrderError):
        deliver_cod_fulfillment(fulfillment.pk, cash_collected=order.total, actor=admin_user)
    assert TransactionItem.objects.count() == 1
    assert LedgerEntry.objects.filter(transaction__kind=TransactionKind.COD_COMMISSION).count() == 2


def test_cod_wrong_cash_amount_is_refused(admin_user):
    order = complete_checkout(cod_checkout().pk)
    fulfillment = order.fulfillments.get()
    shipped(fulfillment, admin_user)
    with pytest.raises(OrderError) as error:
        deliver_cod_fulfillment(fulfillment.pk, cash_collected=order.total - 1, actor=admin_user)
    assert error.value.field == "cash_collected"
    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.SHIPPED
    assert not TransactionItem.objects.exists() and not LedgerEntry.objects.exists()


def test_cod_plain_delivery_without_cash_is_refused(admin_user):
    order = complete_checkout(cod_checkout().pk)
    fulfillment = order.fulfillments.get()
    shipped(fulfillment, admin_user)
    with pytest.raises(OrderError):
        deliver_fulfillment(fulfillment.pk, actor=admin_user)
    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.SHIPPED


def test_cod_refused_at_the_door_puts_stock_back_and_moves_no_money(admin_user):
    order = complete_checkout(cod_checkout(quantity=2).pk)
    fulfillment = order.fulfillments.get()
    stock = Stock.objects.get()
    shipped(fulfillment, admin_user)
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (8, 0)
    # when
    refuse_cod_delivery(fulfillment.pk, actor=admin_user, reason="Pembeli tidak ada di rumah")
    # then
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (10, 0)
    order.refresh_from_db()
    assert (order.status, order.total_charged) == (OrderStatus.CANCELED, 0)
    assert not TransactionItem.objects.exists()
    assert not LedgerEntry.objects.exists()
    assert OutboxMessage.objects.filter(event="order_canceled").count() == 1


def test_cod_over_the_cap_is_refused_at_checkout(settings):
    settings.COD_MAX_ORDER_TOTAL = 50_000
    checkout = cod_checkout()
    with pytest.raises(CheckoutError) as error:
        complete_checkout(checkout.pk)
    assert error.value.code == CheckoutErrorCode.COD_NOT_AVAILABLE
    assert "Rp 50.000" in error.value.message
    assert Order.objects.count() == 0
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    assert Stock.objects.get().quantity_allocated == 0


def test_cod_group_not_opted_in_is_refused_at_checkout_in_indonesian():
    checkout = cod_checkout(accepts=False)
    group = checkout.lines.get().variant.product.group
    with pytest.raises(CheckoutError) as error:
        complete_checkout(checkout.pk)
    assert error.value.code == CheckoutErrorCode.COD_NOT_AVAILABLE
    assert group.name in error.value.message
    assert "tidak menerima bayar di tempat" in error.value.message
    assert Order.objects.count() == 0


def test_cod_switched_off_is_not_offered(settings):
    settings.COD_MAX_ORDER_TOTAL = 0
    line = CheckoutLineFactory()
    with pytest.raises(CheckoutError):
        set_payment_method(line.checkout.pk, PaymentMethod.COD)


def test_cod_shown_apart_on_the_reconciliation_page(client, admin_user):
    order = complete_checkout(cod_checkout().pk)
    fulfillment = order.fulfillments.get()
    shipped(fulfillment, admin_user)
    deliver_cod_fulfillment(fulfillment.pk, cash_collected=order.total, actor=admin_user)
    client.force_login(StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN))
    html = client.get(reverse("settlement:reconciliation")).content.decode()
    section = html.split('id="cod-days"', 1)[1]
    assert "Rp 94.000" in section
    line = order.lines.get()
    commission = int(line.total_price * line.commission_percent / 100)
    assert format_rupiah(commission) in section
    # the platform's own payments table neither counts nor flags it
    assert "Paid but not in the ledger" not in html and "Dibayar tetapi" not in html


def test_cod_portal_records_cash_and_refusal_for_the_own_group_only(client, admin_user):
    order = complete_checkout(cod_checkout(groups=2).pk)
    first, second = order.fulfillments.order_by("pk")
    for fulfillment in (first, second):
        shipped(fulfillment, admin_user)
    member = GroupMemberFactory(group=first.group).user
    client.force_login(member)
    page = client.get(reverse("portal:fulfillment", args=[first.pk])).content.decode()
    assert 'id="cod-cash"' in page
    # another group's parcel is not found for this member
    other = client.post(reverse("portal:cod_cash", args=[second.pk]), {"cash_collected": 1})
    assert other.status_code == 404
    due = sum(line.total_price for line in order.lines.filter(group=first.group))
    due += first.shipping_price
    client.post(reverse("portal:cod_cash", args=[first.pk]), {"cash_collected": due})
    first.refresh_from_db()
    assert first.status == FulfillmentStatus.DELIVERED
    second_member = GroupMemberFactory(group=second.group).user
    client.force_login(second_member)
    client.post(reverse("portal:cod_refused", args=[second.pk]), {"reason": "Tidak di rumah"})
    second.refresh_from_db()
    order.refresh_from_db()
    assert second.status == FulfillmentStatus.CANCELED
    assert (order.status, order.total_charged) == (OrderStatus.FULFILLED, due)


def test_cod_parcel_refused_in_a_two_group_order_cancels_only_its_part(admin_user):
    order = complete_checkout(cod_checkout(groups=2, quantity=2).pk)
    first, second = order.fulfillments.order_by("pk")
    for fulfillment in (first, second):
        shipped(fulfillment, admin_user)
    refused_stock = second.lines.get().stock
    # when: the first parcel is paid at the door, the second refused
    due = sum(line.total_price for line in order.lines.filter(group=first.group))
    due += first.shipping_price
    deliver_cod_fulfillment(first.pk, cash_collected=due, actor=admin_user)
    refuse_cod_delivery(second.pk, actor=admin_user, reason="Pembeli menolak paket")
    # then: the refused group's stock is back, its part canceled, no money for it
    refused_stock.refresh_from_db()
    assert (refused_stock.quantity, refused_stock.quantity_allocated) == (10, 0)
    assert not order.lines.filter(group=second.group, is_canceled=False).exists()
    order.refresh_from_db()
    assert (order.status, order.charge_status, order.total_charged) == (
        OrderStatus.FULFILLED,
        OrderChargeStatus.FULLY_CHARGED,
        due,
    )
    assert TransactionItem.objects.get().psp_reference == f"cod-{first.pk}"
    assert not LedgerEntry.objects.filter(group=second.group).exists()
    assert ledger_problems() == []


def test_cod_parcel_refused_before_the_other_is_paid_leaves_the_order_paid(admin_user):
    order = complete_checkout(cod_checkout(groups=2).pk)
    first, second = order.fulfillments.order_by("pk")
    for fulfillment in (first, second):
        shipped(fulfillment, admin_user)
    refuse_cod_delivery(first.pk, actor=admin_user, reason="Alamat tidak ditemukan")
    order.refresh_from_db()
    assert (order.status, order.charge_status) == (
        OrderStatus.UNFULFILLED,
        OrderChargeStatus.NOT_CHARGED,
    )
    due = sum(line.total_price for line in order.lines.filter(group=second.group))
    deliver_cod_fulfillment(second.pk, cash_collected=due + second.shipping_price, actor=admin_user)
    order.refresh_from_db()
    assert (order.status, order.charge_status) == (
        OrderStatus.FULFILLED,
        OrderChargeStatus.FULLY_CHARGED,
    )
    assert order.total_charged == due + second.shipping_price
