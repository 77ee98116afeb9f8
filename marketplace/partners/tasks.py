from celery import shared_task

from .invoices import send_invoice_reminders


@shared_task
def send_invoice_reminders_task() -> int:
    return send_invoice_reminders()


@shared_task
def refresh_partnerships_task() -> int:
    from .partnerships import refresh_partnerships

    return refresh_partnerships()
