"""Sanitizing user-supplied HTML (product descriptions, group stories)."""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "blockquote",
}


def sanitize_html(value: str | None) -> str:
    """Keep simple formatting, drop scripts, styles, event handlers and links' javascript."""
    if not value:
        return ""
    return nh3.clean(str(value), tags=ALLOWED_TAGS, attributes={}, strip_comments=True).strip()
