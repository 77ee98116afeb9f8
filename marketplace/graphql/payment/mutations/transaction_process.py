"""transactionProcess: after the customer acted (paid the Stripe form, made the transfer)."""

import graphene
from django.conf import settings

from marketplace.payments.models import TransactionGateway
from marketplace.payments.services import sync_card_payment

from ...core.mutations import MarketplaceMutation
from ...core.scalars import JSON
from ..types import TransactionEvent, TransactionItem, TransactionProcessError, transaction_data
from .base import find_transaction
from .transaction_initialize import latest_event


class TransactionProcess(MarketplaceMutation):
    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(TransactionEvent)
    data = JSON()

    class Arguments:
        id = graphene.ID(description="The ID of the transaction to process.")
        token = graphene.UUID(description="The token of the transaction to process.")
        data = JSON(description="Ignored: the result is asked of the provider, never the client.")
        customer_ip_address = graphene.String(description="Ignored.")

    class Meta:
        description = (
            "Checks a payment with its provider (Stripe: the PaymentIntent's status, asked "
            "server-side) and records a success once; a bank transfer waits for staff."
        )
        error_type = TransactionProcessError

    @classmethod
    def handle(cls, info, *, id=None, token=None, **_ignored):
        txn = find_transaction(info, id=id, token=token)
        if txn.gateway in (
            TransactionGateway.STRIPE,
            TransactionGateway.MIDTRANS,
            TransactionGateway.XENDIT,
        ):
            sync_card_payment(txn.pk)  # asks the provider for the payment's status
            txn.refresh_from_db()
        return cls(
            transaction=txn,
            transaction_event=latest_event(txn),
            data=transaction_data(txn, txn.order, publishable_key=settings.STRIPE_PUBLISHABLE_KEY),
        )
