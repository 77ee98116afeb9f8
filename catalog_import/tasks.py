"""Celery entry points of the importer (thin: the work is in ``runs`` and ``fetching``)."""

from celery import shared_task

from . import runs
from .fetching import fetch_product_image

__all__ = ["apply_import", "check_import", "fetch_product_image"]


@shared_task(acks_late=True)
def check_import(run_id: int) -> None:
    runs.check_run(run_id)


@shared_task(acks_late=True)
def apply_import(run_id: int) -> None:
    runs.apply_run(run_id)
