"""Periodic order jobs (scheduled in settings' ``# [orders]`` section)."""

from celery import shared_task

from .services import expire_unpaid_orders


@shared_task
def expire_unpaid_orders_task() -> int:
    """Cancel unpaid orders past their expiry; safe to run twice (each order is re-checked)."""
    return expire_unpaid_orders()
