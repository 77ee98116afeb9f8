"""The payment record of cash collected at the door (no provider, no network)."""

from django.utils.translation import gettext as _

from .models import TransactionEventType, TransactionGateway, TransactionItem, TransactionStatus
from .records import add_event


def record_cash_collected(order, fulfillment, *, amount: int, actor=None) -> TransactionItem:
    """One charged transaction per delivered parcel (in the caller's transaction, order locked).
    A refund of it later is a manual transfer back (``refunds.refunds_through_gateway``)."""
    txn = TransactionItem.objects.create(
        order=order,
        gateway=TransactionGateway.COD,
        name=_("Cash on delivery"),
        channel="cod",
        status=TransactionStatus.CHARGED,
        amount=amount,
        charged_value=amount,
        psp_reference=f"cod-{fulfillment.pk}",
    )
    add_event(
        txn,
        TransactionEventType.CHARGE_SUCCESS,
        amount=amount,
        psp_reference=txn.psp_reference,
        message=_("Cash collected by %(group)s at delivery.") % {"group": fulfillment.group.name},
        actor=actor,
    )
    return txn
