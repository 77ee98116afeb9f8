"""Loaders for payment transactions and their events."""

from marketplace.payments.models import TransactionEvent, TransactionItem

from ..core.dataloaders import DataLoader, group_by


class TransactionsByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = group_by(
            TransactionItem.objects.filter(order_id__in=keys).order_by("order_id", "pk"),
            lambda txn: txn.order_id,
        )
        return [rows.get(key, []) for key in keys]


class TransactionEventsByTransactionIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = group_by(
            TransactionEvent.objects.filter(transaction_id__in=keys).order_by(
                "transaction_id", "created_at", "pk"
            ),
            lambda event: event.transaction_id,
        )
        return [rows.get(key, []) for key in keys]
