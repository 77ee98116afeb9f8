"""The settlement operations other code calls (views, admin, tasks, other domains).

Each lives in the module of its operation; this module is the one place to import them from.
"""

from .commission import (
    clear_group_commission,
    commission_percent,
    set_category_commission,
    set_group_commission,
)
from .payout_accounts import (
    approve_payout_account,
    reject_payout_account,
    request_payout_account,
)
from .payouts import fail_payout_line, mark_batch_paid, run_payouts
from .postings import (
    post_fulfillment_delivered,
    post_fulfillment_reversed,
    post_payment_confirmed,
)
from .reconciliation import check_ledger, daily_reconciliation

__all__ = [
    "approve_payout_account",
    "check_ledger",
    "clear_group_commission",
    "commission_percent",
    "daily_reconciliation",
    "fail_payout_line",
    "mark_batch_paid",
    "post_fulfillment_delivered",
    "post_fulfillment_reversed",
    "post_payment_confirmed",
    "reject_payout_account",
    "request_payout_account",
    "run_payouts",
    "set_category_commission",
    "set_group_commission",
]
