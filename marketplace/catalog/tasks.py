"""Periodic catalog jobs (scheduled in settings' ``# [catalog]`` section)."""

from celery import shared_task

from .services import refresh_search_words


@shared_task
def refresh_search_words_task() -> int:
    """Keep search's typo vocabulary current; safe to run twice (it rebuilds from the products)."""
    return refresh_search_words()
