"""Saleor's transaction types over ``payments.TransactionItem`` / ``TransactionEvent``.

A transaction here always belongs to an order (``checkout`` answers null): starting a payment
places the order first (``payments.checkout_payments``).
"""

import graphene
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.money import format_rupiah
from marketplace.payments.models import TransactionGateway, TransactionStatus

from ..core.scalars import JSON
from ..core.types import Error, Money, money
from ..order.dataloaders import OrderByIdLoader
from ..product.types import ObjectWithMetadata
from .dataloaders import TransactionEventsByTransactionIdLoader
from .gateways import bank_account


class TransactionActionEnum(graphene.Enum):
    CHARGE = "CHARGE"
    REFUND = "REFUND"
    CANCEL = "CANCEL"


class TransactionFlowStrategyEnum(graphene.Enum):
    AUTHORIZATION = "AUTHORIZATION"
    CHARGE = "CHARGE"


class TransactionEventTypeEnum(graphene.Enum):
    AUTHORIZATION_SUCCESS = "AUTHORIZATION_SUCCESS"
    AUTHORIZATION_FAILURE = "AUTHORIZATION_FAILURE"
    AUTHORIZATION_ADJUSTMENT = "AUTHORIZATION_ADJUSTMENT"
    AUTHORIZATION_REQUEST = "AUTHORIZATION_REQUEST"
    AUTHORIZATION_ACTION_REQUIRED = "AUTHORIZATION_ACTION_REQUIRED"
    CHARGE_ACTION_REQUIRED = "CHARGE_ACTION_REQUIRED"
    CHARGE_SUCCESS = "CHARGE_SUCCESS"
    CHARGE_FAILURE = "CHARGE_FAILURE"
    CHARGE_BACK = "CHARGE_BACK"
    CHARGE_REQUEST = "CHARGE_REQUEST"
    REFUND_SUCCESS = "REFUND_SUCCESS"
    REFUND_FAILURE = "REFUND_FAILURE"
    REFUND_REVERSE = "REFUND_REVERSE"
    REFUND_REQUEST = "REFUND_REQUEST"
    CANCEL_SUCCESS = "CANCEL_SUCCESS"
    CANCEL_FAILURE = "CANCEL_FAILURE"
    CANCEL_REQUEST = "CANCEL_REQUEST"
    INFO = "INFO"


class TransactionEvent(graphene.ObjectType):
    created_at = graphene.DateTime(required=True)
    psp_reference = graphene.String(required=True)
    message = graphene.String(required=True)
    external_url = graphene.String(required=True)
    amount = graphene.Field(Money, required=True)
    type = TransactionEventTypeEnum()
    idempotency_key = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "Something that happened to a payment transaction."

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_external_url(root, info):
        return ""

    @staticmethod
    def resolve_amount(root, info):
        return money(root.amount)

    @staticmethod
    def resolve_type(root, info):
        return root.type.upper()

    @staticmethod
    def resolve_idempotency_key(root, info):
        return None


def bank_transfer_data(txn, order) -> dict:
    """What the buyer must send, and where: the unique amount (total + code) and the account."""
    account = bank_account()
    deadline = (
        timezone.localtime(order.expires_at).strftime("%d-%m-%Y %H:%M") if order.expires_at else ""
    )
    instructions = _(
        "Transfer exactly %(amount)s to %(bank)s account %(number)s (%(holder)s) before "
        "%(deadline)s. The last digits (%(code)s) are your order's unique code: they let us "
        "match your transfer to order #%(order)s."
    ) % {
        "amount": format_rupiah(txn.amount),
        "bank": account["bankName"],
        "number": account["accountNumber"],
        "holder": account["accountHolder"],
        "deadline": deadline,
        "code": txn.unique_code,
        "order": order.number,
    }
    return {
        **account,
        "amount": txn.amount,
        "uniqueCode": txn.unique_code,
        "orderTotal": order.total,
        "orderNumber": str(order.number),
        "currency": txn.currency,
        "expiresAt": order.expires_at.isoformat() if order.expires_at else None,
        "instructions": instructions,
    }


def transaction_data(txn, order, *, publishable_key: str = "") -> dict:
    """The ``data`` a client needs to go on paying: Stripe's client secret, or the transfer."""
    if txn.gateway == TransactionGateway.STRIPE:
        return {
            "paymentIntent": {"stripeClientSecret": txn.client_secret},
            "stripePublishableKey": publishable_key,
        }
    if txn.gateway == TransactionGateway.BANK_TRANSFER:
        return {"bankTransfer": bank_transfer_data(txn, order)}
    if txn.gateway in (TransactionGateway.MIDTRANS, TransactionGateway.XENDIT):
        return {
            str(txn.gateway): {
                "channel": txn.channel,
                "amount": txn.amount,
                "expiresAt": txn.expires_at.isoformat() if txn.expires_at else None,
                **{_camel(key): value for key, value in txn.action.items()},
            }
        }
    return {}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class TransactionItem(graphene.ObjectType):
    token = graphene.UUID(required=True)
    created_at = graphene.DateTime(required=True)
    modified_at = graphene.DateTime(required=True)
    actions = graphene.NonNull(graphene.List(graphene.NonNull(TransactionActionEnum)))
    authorized_amount = graphene.Field(Money, required=True)
    authorize_pending_amount = graphene.Field(Money, required=True)
    refunded_amount = graphene.Field(Money, required=True)
    refund_pending_amount = graphene.Field(Money, required=True)
    canceled_amount = graphene.Field(Money, required=True)
    cancel_pending_amount = graphene.Field(Money, required=True)
    charged_amount = graphene.Field(Money, required=True)
    charge_pending_amount = graphene.Field(Money, required=True)
    name = graphene.String(required=True)
    message = graphene.String(required=True)
    psp_reference = graphene.String(required=True)
    order = graphene.Field("marketplace.graphql.order.types.Order")
    checkout = graphene.Field("marketplace.graphql.checkout.types.Checkout")
    events = graphene.NonNull(graphene.List(graphene.NonNull(TransactionEvent)))
    external_url = graphene.String(required=True)
    reason = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = (
            "One attempt to pay an order. A bank transfer's metadata names the account, the "
            "exact amount (order total + unique code) and the code; its message says what to do."
        )

    @classmethod
    def is_type_of(cls, root, info):
        return type(root).__name__ == "TransactionItem" and hasattr(root, "charged_value")

    @staticmethod
    def resolve_id(root, info):
        return str(root.token)

    @staticmethod
    def resolve_modified_at(root, info):
        return root.updated_at

    @staticmethod
    def resolve_actions(root, info):
        return []

    @staticmethod
    def resolve_authorized_amount(root, info):
        return money(root.authorized_value)

    @staticmethod
    def resolve_authorize_pending_amount(root, info):
        return money(0)

    @staticmethod
    def resolve_refunded_amount(root, info):
        return money(root.refunded_value)

    @staticmethod
    def resolve_refund_pending_amount(root, info):
        return money(0)

    @staticmethod
    def resolve_canceled_amount(root, info):
        return money(root.canceled_value)

    @staticmethod
    def resolve_cancel_pending_amount(root, info):
        return money(0)

    @staticmethod
    def resolve_charged_amount(root, info):
        return money(root.charged_value)

    @staticmethod
    def resolve_charge_pending_amount(root, info):
        return money(root.amount if root.status == TransactionStatus.PENDING else 0)

    @staticmethod
    def resolve_message(root, info):
        if (
            root.gateway == TransactionGateway.BANK_TRANSFER
            and root.status == TransactionStatus.PENDING
        ):
            return bank_transfer_data(root, root.order)["instructions"]
        return root.message

    @staticmethod
    def resolve_order(root, info):
        return OrderByIdLoader(info.context).load(root.order_id)

    @staticmethod
    def resolve_checkout(root, info):
        return None

    @staticmethod
    def resolve_events(root, info):
        return TransactionEventsByTransactionIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_external_url(root, info):
        return ""

    @staticmethod
    def resolve_reason(root, info):
        return None

    @staticmethod
    def resolve_metadata(root, info):
        if root.gateway != TransactionGateway.BANK_TRANSFER:
            return []
        account = bank_account()
        return [
            {"key": "bankName", "value": account["bankName"]},
            {"key": "accountNumber", "value": account["accountNumber"]},
            {"key": "accountHolder", "value": account["accountHolder"]},
            {"key": "amount", "value": str(root.amount)},
            {"key": "uniqueCode", "value": str(root.unique_code)},
        ]

    @staticmethod
    def resolve_metafield(root, info, key):
        items = TransactionItem.resolve_metadata(root, info)
        return next((item["value"] for item in items if item["key"] == key), None)


def _code_enum(name: str, *codes: str):
    return graphene.Enum(name, [(code, code.lower()) for code in codes])


PaymentGatewayConfigErrorCode = _code_enum(
    "PaymentGatewayConfigErrorCode", "GRAPHQL_ERROR", "INVALID", "NOT_FOUND"
)
PaymentGatewayInitializeErrorCode = _code_enum(
    "PaymentGatewayInitializeErrorCode", "GRAPHQL_ERROR", "INVALID", "NOT_FOUND"
)
TransactionInitializeErrorCode = _code_enum(
    "TransactionInitializeErrorCode",
    "GRAPHQL_ERROR",
    "INVALID",
    "NOT_FOUND",
    "UNIQUE",
    "CHECKOUT_COMPLETION_IN_PROGRESS",
)
TransactionProcessErrorCode = _code_enum(
    "TransactionProcessErrorCode",
    "GRAPHQL_ERROR",
    "INVALID",
    "NOT_FOUND",
    "TRANSACTION_ALREADY_PROCESSED",
    "MISSING_PAYMENT_APP_RELATION",
    "MISSING_PAYMENT_APP",
    "CHECKOUT_COMPLETION_IN_PROGRESS",
)


class PaymentGatewayConfigError(Error):
    code = PaymentGatewayConfigErrorCode(required=True)


class PaymentGatewayInitializeError(Error):
    code = PaymentGatewayInitializeErrorCode(required=True)


class TransactionInitializeError(Error):
    code = TransactionInitializeErrorCode(required=True)


class TransactionProcessError(Error):
    code = TransactionProcessErrorCode(required=True)


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True)
    data = JSON()
    errors = graphene.List(graphene.NonNull(PaymentGatewayConfigError))


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(required=True, description="The identifier of the payment gateway.")
    data = JSON(description="The data that will be passed to the payment gateway.")
