"""Periodic checkout jobs (scheduled in settings' ``# [orders]`` section)."""

from celery import shared_task

from .services import delete_stale_checkouts


@shared_task
def delete_stale_checkouts_task() -> int:
    """Forget carts nobody touched for ``CHECKOUT_TTL_DAYS``; safe to run twice."""
    return delete_stale_checkouts()
