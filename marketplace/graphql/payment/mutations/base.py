"""Finding what a payment mutation pays: a cart, or the order a cart already became."""

import uuid

from django.utils.translation import gettext as _

from marketplace.payments.models import TransactionItem as TransactionItemModel

from ...checkout.mutations.base import find_checkout, order_of_token, owned_by_caller
from ...core.ids import InvalidIdError, from_global_id_or_error
from ...core.mutations import MutationError


def _not_found(what: str):
    return MutationError(
        "NOT_FOUND", _("Couldn't resolve to a node: %(what)s.") % {"what": what}, field="id"
    )


def checkout_or_order(info, id: str):
    """(checkout, None) for an open cart, (None, order) for a cart already placed as an order.

    A cart or order of another account is not found, exactly like an unknown id.
    """
    try:
        type_name, raw = from_global_id_or_error(id)
        token = uuid.UUID(raw)
    except (InvalidIdError, ValueError):
        raise MutationError(
            "GRAPHQL_ERROR", _("Couldn't resolve id: %(id)s.") % {"id": id}, field="id"
        )
    if type_name == "Checkout":
        try:
            return find_checkout(info, id=id), None
        except MutationError:
            pass
    elif type_name != "Order":
        raise MutationError("GRAPHQL_ERROR", _("Must receive a Checkout id."), field="id")
    order = order_of_token(info, token)
    if order is None:
        raise _not_found("checkout")
    return None, order


def find_transaction(info, *, id=None, token=None) -> TransactionItemModel:
    try:
        if id:
            _type, raw = from_global_id_or_error(id, "TransactionItem")
            token = uuid.UUID(raw)
        elif token:
            token = uuid.UUID(str(token))
        else:
            raise MutationError("REQUIRED", _("Provide the transaction's id."), field="id")
    except (InvalidIdError, ValueError):
        raise MutationError(
            "GRAPHQL_ERROR", _("Couldn't resolve id: %(id)s.") % {"id": id or token}, field="id"
        )
    txn = TransactionItemModel.objects.select_related("order").filter(token=token).first()
    if txn is None or not owned_by_caller(info, txn.order.user_id):
        raise _not_found("transaction")
    return txn
