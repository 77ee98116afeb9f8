"""Cash on delivery collected by the aggregator's courier (Biteship COD).

The payments issue's COD has the group collect the cash itself: on delivery
``orders.cod.deliver_cod_fulfillment`` records the cash and settlement books the commission the
group then owes (``postings.post_cod_delivered``, its ``recoverable`` account). When Biteship's
courier collects, the cash reaches the marketplace's Biteship balance instead (paid out after
``biteship.COD_TYPE``), so one more posting turns it around in the same transaction:

- clearing is debited the cash (what Biteship owes the marketplace),
- the group's ``recoverable`` is credited the commission it was just booked to owe (set off),
- the group's ``payable`` is credited the rest: its share is released, as a prepaid delivery is.

Once per fulfilment (key ``courier-cod:<fulfillment>``); the entries sum to zero.
"""

from django.db import transaction

from marketplace.orders.models import OrderLine
from marketplace.settlement.commission import commission_amount
from marketplace.settlement.ledger import Leg, is_posted, locked_group_accounts, post
from marketplace.settlement.models import AccountKind, TransactionKind


def courier_cod_key(fulfillment_id: int) -> str:
    return f"courier-cod:{fulfillment_id}"


def post_courier_cod_collected(fulfillment, *, amount: int) -> None:
    key = courier_cod_key(fulfillment.pk)
    if is_posted(key):
        return
    lines = OrderLine.objects.filter(
        order_id=fulfillment.order_id, group_id=fulfillment.group_id, is_canceled=False
    )
    commission = sum(commission_amount(line.total_price, line.commission_percent) for line in lines)
    refs = {"group_id": fulfillment.group_id, "fulfillment_id": fulfillment.pk}
    with transaction.atomic(savepoint=False):
        accounts = locked_group_accounts([fulfillment.group_id])
        post(
            key,
            TransactionKind.PAYMENT,
            [
                Leg(accounts.clearing, -amount, **refs),
                Leg(accounts.of(fulfillment.group_id, AccountKind.RECOVERABLE), commission, **refs),
                Leg(
                    accounts.of(fulfillment.group_id, AccountKind.PAYABLE),
                    amount - commission,
                    **refs,
                ),
            ],
            order_id=fulfillment.order_id,
            fulfillment_id=fulfillment.pk,
        )
