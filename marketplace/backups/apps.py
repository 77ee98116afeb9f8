from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """``manage.py backup`` and ``manage.py restore``; no models."""

    name = "marketplace.backups"
    label = "backups"
