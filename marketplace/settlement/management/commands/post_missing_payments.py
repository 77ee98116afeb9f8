"""Post the payment of every paid order that has no ledger posting yet (e.g. orders paid before
the ledger existed, or a posting lost to a bug); safe to run again at any time."""

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef

from marketplace.orders.models import Order
from marketplace.settlement.models import LedgerTransaction, TransactionKind
from marketplace.settlement.postings import post_payments_confirmed


class Command(BaseCommand):
    help = "Post ledger entries for paid orders that have none."

    def add_arguments(self, parser):
        parser.add_argument("--chunk", type=int, default=500)

    def handle(self, *args, chunk: int, **options):
        posted = LedgerTransaction.objects.filter(
            kind=TransactionKind.PAYMENT, order_id=OuterRef("pk")
        )
        missing = list(
            Order.objects.filter(paid_at__isnull=False, total_charged__gt=0)
            .exclude(Exists(posted))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        count = 0
        for start in range(0, len(missing), chunk):
            count += post_payments_confirmed(missing[start : start + chunk])
        self.stdout.write(f"posted {count} of {len(missing)} paid orders without a posting")
