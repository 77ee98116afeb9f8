"""Turning a checkout into an order: one transaction, stock locked in pk order, never oversold."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.money import format_rupiah
from marketplace.orders import notices
from marketplace.orders.allocation import allocate
from marketplace.orders.cod import route_cod_order
from marketplace.orders.locks import locked_stocks
from marketplace.orders.models import (
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderLine,
    PaymentMethod,
)
from marketplace.orders.numbers import next_order_number
from marketplace.settlement.commission import commission_percents
from marketplace.shipping.pricing import CourierPricer
from marketplace.shipping.services import record_shipments

from .availability import purchasable_variants
from .errors import CheckoutError, CheckoutErrorCode
from .models import Checkout, CheckoutLine
from .payment_methods import card_payment_available, method_available, test_gateway_enabled
from .shipping import RateTable
from .summary import CheckoutSummary, build_summary, checkout_lines, plan_shipments


def _check_ready(checkout: Checkout, lines: list[CheckoutLine], *, test_payment: bool) -> None:
    if not lines:
        raise CheckoutError(CheckoutErrorCode.NO_LINES, _("Your cart is empty."), field="lines")
    if not checkout.email:
        raise CheckoutError(
            CheckoutErrorCode.EMAIL_NOT_SET, _("Enter your email address."), field="email"
        )
    if not checkout.has_shipping_address:
        raise CheckoutError(
            CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET,
            _("Enter the delivery address."),
            field="shipping_address",
        )
    if test_payment and not test_gateway_enabled():
        raise CheckoutError(
            CheckoutErrorCode.INVALID,
            _("Test payments are switched off."),
            field="payment_method",
        )
    if (
        checkout.payment_method == PaymentMethod.CARD
        and not test_payment
        and not card_payment_available()
    ):
        raise CheckoutError(
            CheckoutErrorCode.INVALID,
            _("Card payment is not available. Choose bank transfer."),
            field="payment_method",
        )
    if not test_payment and not method_available(checkout.payment_method):
        raise CheckoutError(
            CheckoutErrorCode.INVALID,
            _("This payment method is not available. Choose bank transfer."),
            field="payment_method",
        )
    purchasable = purchasable_variants([line.variant_id for line in lines])
    for line in lines:
        if line.variant_id not in purchasable:
            raise CheckoutError(
                CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE,
                _("“%(product)s” is no longer for sale. Remove it from your cart.")
                % {"product": line.variant.product.name},
                field="lines",
                variant_id=line.variant_id,
            )


def check_cod(plan: CheckoutSummary) -> None:
    """Cash on delivery: up to the cap, and only from groups that collect cash at the door."""
    if plan.total > settings.COD_MAX_ORDER_TOTAL:
        raise CheckoutError(
            CheckoutErrorCode.COD_NOT_AVAILABLE,
            _("Cash on delivery is available for orders up to %(cap)s. Choose another method.")
            % {"cap": format_rupiah(settings.COD_MAX_ORDER_TOTAL)},
            field="payment_method",
        )
    refusing = [s.group.name for s in plan.shipments if not s.group.accepts_cod]
    if refusing:
        raise CheckoutError(
            CheckoutErrorCode.COD_NOT_AVAILABLE,
            _("%(groups)s does not accept cash on delivery. Choose another method.")
            % {"groups": ", ".join(refusing)},
            field="payment_method",
        )


def _expiry(method: str):
    if method == PaymentMethod.CARD:
        return timezone.now() + timedelta(minutes=settings.UNPAID_CARD_ORDER_EXPIRY_MINUTES)
    return timezone.now() + timedelta(hours=settings.UNPAID_ORDER_EXPIRY_HOURS)


ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "shipping_phone",
    "street_address_1",
    "street_address_2",
    "village",
    "postal_code",
    "district_id",
    "regency_id",
    "province_id",
)


def _create_order(
    checkout: Checkout, plan: CheckoutSummary, user
) -> tuple[Order, list[OrderLine], list[Fulfillment]]:
    """Insert the order, then its fulfilments, lines and fulfilment lines in bulk."""
    order = Order.objects.create(
        token=checkout.token,
        number=next_order_number(),
        user=user,
        email=checkout.email,
        phone=checkout.phone or checkout.shipping_phone,
        language=checkout.language,
        payment_method=checkout.payment_method,
        subtotal=plan.subtotal,
        shipping_total=plan.shipping_total,
        total=plan.total,
        expires_at=_expiry(checkout.payment_method),
        **{name: getattr(checkout, name) for name in ADDRESS_FIELDS},
    )
    order.regency = checkout.regency  # loaded for routing; saves a query in the notice
    fulfillments = Fulfillment.objects.bulk_create(
        [
            Fulfillment(
                order=order,
                group=shipment.group,
                shipping_price=shipment.shipping_price,
                weight_g=shipment.weight_g,
            )
            for shipment in plan.shipments
        ]
    )
    planned_lines = [
        (fulfillment, planned)
        for fulfillment, shipment in zip(fulfillments, plan.shipments, strict=True)
        for planned in shipment.lines
    ]
    for _fulfillment, planned in sorted(planned_lines, key=lambda item: item[1].route.stock.pk):
        allocate(planned.route.stock, planned.quantity)
    percents = commission_percents(
        (planned.variant.product, fulfillment.group) for fulfillment, planned in planned_lines
    )
    lines = OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=order,
                variant=planned.variant,
                product_name=planned.variant.product.name,
                variant_name=planned.variant.label,
                sku=planned.variant.sku,
                quantity=planned.quantity,
                unit_price=planned.unit_price,
                total_price=planned.total_price,
                weight_g=planned.variant.weight_g,
                group=fulfillment.group,
                routing_reason=planned.route.reason,
                commission_percent=percent,
            )
            for (fulfillment, planned), percent in zip(planned_lines, percents, strict=True)
        ]
    )
    FulfillmentLine.objects.bulk_create(
        [
            FulfillmentLine(
                fulfillment=fulfillment,
                order_line=line,
                quantity=planned.quantity,
                stock=planned.route.stock,
            )
            for (fulfillment, planned), line in zip(planned_lines, lines, strict=True)
        ]
    )
    return order, lines, fulfillments


def complete_checkout(
    checkout_id: int,
    *,
    user=None,
    payment_method: str | None = None,
    test_payment: bool = False,
    expected_shipping_total: int | None = None,
) -> Order:
    """Place the order: route and allocate every line, one fulfilment per group.

    ``payment_method`` (when given) is the method the buyer started paying with, set in the
    same transaction; ``test_payment`` marks an order paid through the test gateway (refused
    unless ``test_gateway_enabled()``). The order keeps the checkout's token as its own, as
    Saleor does, so a client holding the checkout's id finds the order it became.

    Stock rows of all the cart's variants are locked in pk order in one statement, so two
    completions wait for each other instead of deadlocking, and the check constraint on
    ``Stock`` backs up the availability test. The checkout is deleted with the same commit.

    Courier rates are asked before the locks are taken (``CourierPricer``); inside, the same
    answers price the shipments. ``expected_shipping_total`` is what the buyer was shown: a
    different figure refuses the order, so it never charges more than was shown.
    """
    rates = RateTable.load()
    pricer = None
    preview = Checkout.objects.filter(pk=checkout_id).first()
    if preview is not None:
        pricer = CourierPricer(preview, rates=rates)
        build_summary(preview, pricer=pricer)
        pricer.network = False
    with transaction.atomic():
        checkout = Checkout.objects.select_for_update(of=("self",)).filter(pk=checkout_id).first()
        if checkout is None:
            raise CheckoutError(
                CheckoutErrorCode.NOT_FOUND, _("This cart no longer exists."), field="checkout"
            )
        if payment_method is not None:
            if payment_method not in PaymentMethod.values:
                raise CheckoutError(
                    CheckoutErrorCode.INVALID, _("Choose a payment method."), field="payment_method"
                )
            checkout.payment_method = payment_method
        lines = checkout_lines(checkout)
        _check_ready(checkout, lines, test_payment=test_payment)
        buyer = user if getattr(user, "pk", None) else checkout.user
        stocks = locked_stocks(variant_ids=[line.variant_id for line in lines])
        if pricer is not None:
            pricer.checkout = checkout  # the buyer's picks as locked
        plan = plan_shipments(
            lines,
            stocks=stocks,
            destination=checkout.regency,
            user=buyer,
            rates=rates,
            pricer=pricer,
        )
        if plan.unavailable_lines:
            missing = plan.unavailable_lines[0]
            raise CheckoutError(
                CheckoutErrorCode.INSUFFICIENT_STOCK,
                _("Not enough “%(product)s” in stock for %(quantity)d.")
                % {"product": missing.variant.product.name, "quantity": missing.quantity},
                field="lines",
                variant_id=missing.variant.pk,
            )
        if checkout.payment_method == PaymentMethod.COD:
            check_cod(plan)
        if expected_shipping_total is not None and expected_shipping_total != plan.shipping_total:
            raise CheckoutError(
                CheckoutErrorCode.SHIPPING_PRICE_CHANGED,
                _("Shipping changed to %(total)s. Check the couriers and place the order again.")
                % {"total": format_rupiah(plan.shipping_total)},
                field="shipping",
            )
        order, lines, fulfillments = _create_order(checkout, plan, buyer)
        record_shipments(fulfillments, plan.shipments)
        notices.order_placed(order, lines=lines, fulfillments=fulfillments)
        if order.payment_method == PaymentMethod.COD:
            route_cod_order(order.pk)
            order.refresh_from_db()
        checkout.delete()
    return order
