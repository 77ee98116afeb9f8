"""Orders as a placed order looks: lines routed to a group, one fulfilment per group.

``OrderFactory`` makes an unpaid order with no lines; ``FulfillmentFactory`` makes a paid
order's fulfilment whose lines are allocated from the group's stock, like checkout does.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.db.models import F
from django.utils import timezone

from marketplace.accounts.models import StaffRole
from marketplace.catalog.models import Stock
from marketplace.orders.models import (
    Fulfillment,
    FulfillmentLine,
    FulfillmentStatus,
    Order,
    OrderChargeStatus,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    RoutingReason,
)
from marketplace.orders.numbers import next_order_number
from marketplace.payments.bank_transfer import confirm_bank_transfer, start_bank_transfer

from .accounts import StaffUserFactory, UserFactory
from .catalog import ProductVariantFactory, StockFactory
from .groups import UppksGroupFactory
from .regions import KLUNGKUNG, district, regency


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    number = factory.LazyFunction(next_order_number)
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(
        lambda order: order.user.email if order.user else "tamu@example.id"
    )
    phone = "+6281234500001"
    language = "id"
    status = OrderStatus.UNCONFIRMED
    charge_status = OrderChargeStatus.NOT_CHARGED
    payment_method = PaymentMethod.BANK_TRANSFER
    first_name = "Putu"
    last_name = "Wirawan"
    street_address_1 = "Jl. Gajah Mada No. 12, RT 002/RW 001"
    village = "Semarapura Kangin"
    postal_code = "80711"
    regency = factory.LazyFunction(lambda: regency(KLUNGKUNG))
    district = factory.LazyFunction(lambda: district(KLUNGKUNG))
    province = factory.LazyAttribute(lambda order: order.regency.province)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=24))

    class Params:
        paid = factory.Trait(
            status=OrderStatus.UNFULFILLED,
            charge_status=OrderChargeStatus.FULLY_CHARGED,
            paid_at=factory.LazyFunction(timezone.now),
            expires_at=None,
        )


class OrderLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    variant = factory.SubFactory(ProductVariantFactory)
    product_name = factory.LazyAttribute(lambda line: line.variant.product.name)
    variant_name = factory.LazyAttribute(lambda line: line.variant.label)
    sku = factory.LazyAttribute(lambda line: line.variant.sku)
    quantity = 1
    unit_price = factory.LazyAttribute(lambda line: line.variant.price)
    total_price = factory.LazyAttribute(lambda line: line.unit_price * line.quantity)
    weight_g = factory.LazyAttribute(lambda line: line.variant.weight_g)
    group = factory.LazyAttribute(lambda line: line.variant.product.group)
    routing_reason = RoutingReason.OWN_GROUP
    commission_percent = Decimal("5")


class FulfillmentFactory(factory.django.DjangoModelFactory):
    """A fulfilment with ``quantity`` units of one variant allocated from the group's stock.

    Pass ``quantity=0`` for a fulfilment without lines. The order's totals match its lines.
    """

    class Meta:
        model = Fulfillment
        skip_postgeneration_save = True

    order = factory.SubFactory(OrderFactory, paid=True)
    group = factory.SubFactory(UppksGroupFactory)
    status = FulfillmentStatus.NEW
    shipping_price = 9_000
    accept_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=48))

    @factory.post_generation
    def quantity(fulfillment, create, extracted, **kwargs):
        quantity = 2 if extracted is None else extracted
        if not create or quantity == 0:
            return
        stock = kwargs.get("stock") or StockFactory(
            variant__product__group=fulfillment.group,
            group=fulfillment.group,
            quantity=kwargs.get("stock_quantity", 10),
        )
        allocate_line(fulfillment, stock, quantity)


def allocate_line(fulfillment: Fulfillment, stock: Stock, quantity: int) -> FulfillmentLine:
    """Add a line of ``quantity`` units from ``stock`` to a fulfilment, as checkout allocates."""
    variant = stock.variant
    line = OrderLineFactory(
        order=fulfillment.order, variant=variant, quantity=quantity, group=fulfillment.group
    )
    Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") + quantity)
    fulfillment_line = FulfillmentLine.objects.create(
        fulfillment=fulfillment, order_line=line, quantity=quantity, stock=stock
    )
    order = fulfillment.order
    order.subtotal += line.total_price
    order.shipping_total = sum(f.shipping_price for f in order.fulfillments.all())
    order.total = order.subtotal + order.shipping_total
    if order.charge_status == OrderChargeStatus.FULLY_CHARGED:
        order.total_charged = order.total
    order.save()
    fulfillment.weight_g += line.weight_g * quantity
    fulfillment.save(update_fields=["weight_g"])
    return fulfillment_line


def pay_by_bank_transfer(order: Order) -> Order:
    """Pay an unpaid order the way the payments domain does: a bank transfer staff confirm."""
    txn = start_bank_transfer(order.pk)
    staff = StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN)
    confirm_bank_transfer(txn.pk, actor=staff, amount_received=txn.amount, reference="TRF")
    order.refresh_from_db()
    return order
