"""Filters for notice templates, whose context arrives from JSON (dates as ISO text)."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def as_datetime(value):
    """``{{ accept_deadline|as_datetime|date:"j F Y H:i" }}``: ISO text back to a datetime."""
    if isinstance(value, datetime) or not value:
        return value
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return value
    return timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed
