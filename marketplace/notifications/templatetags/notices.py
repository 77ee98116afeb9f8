"""Filters for notice templates, whose context arrives from JSON (dates as ISO text)."""

import re
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

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


_URL = re.compile(r"https?://[^\s<>\"']+")
_TRAILING = ".,;:!?)"


def _link(match: re.Match) -> str:
    url = match.group(0)
    trail = ""
    while url and url[-1] in _TRAILING:
        url, trail = url[:-1], url[-1] + trail
    return f'<a href="{url}" rel="nofollow">{url}</a>{trail}'


@register.filter(is_safe=True)
def links(value) -> str:
    """Plain text as HTML with its http(s) addresses as links: ``urlize`` for notice emails.

    The text is escaped first; only the addresses our own notices carry are linked (no bare
    domains or email addresses), which is a fraction of ``urlize``'s cost on every email.
    """
    return mark_safe(_URL.sub(_link, escape(str(value))))  # noqa: S308 - escaped above
