"""Saleor's transaction API: paymentGatewayInitialize, transactionInitialize, transactionProcess."""

import graphene

from .mutations.gateway_initialize import PaymentGatewayInitialize
from .mutations.transaction_initialize import TransactionInitialize
from .mutations.transaction_process import TransactionProcess


class PaymentMutations(graphene.ObjectType):
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
