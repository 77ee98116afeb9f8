from django import template

from marketplace.core.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount):
    """``{{ line.total|rupiah }}`` → ``Rp 25.000``."""
    return format_rupiah(amount)
