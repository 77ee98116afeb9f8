"""Keeping a notice's one-time secrets out of what the outbox records about its attempts.

A gateway may echo the text it was given in an error answer, and that answer (cut to a few
hundred characters) becomes ``last_error`` and the attempt's ``error``. So any run of
``SECRET_FRAGMENT`` or more characters of a secret is hidden, also when the echo was cut off
in the middle of a link. This also hides the public part of a link (the site's address).
"""

REDACTED = "[…]"
SECRET_FRAGMENT = 12


def secret_strings(secrets: dict) -> list[str]:
    """The secret values as text, longest first (lists and dicts are flattened)."""
    found: list[str] = []
    pending = list(secrets.values())
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)
        elif value is not None and str(value):
            found.append(str(value))
    return sorted(found, key=len, reverse=True)


def redact(text: str, secrets: dict) -> str:
    """``text`` with every fragment of a secret replaced by ``REDACTED``."""
    hidden = [False] * len(text)
    for value in secret_strings(secrets):
        width = min(len(value), SECRET_FRAGMENT)
        fragments = {value[i : i + width] for i in range(len(value) - width + 1)}
        for start in range(len(text) - width + 1):
            if text[start : start + width] in fragments:
                hidden[start : start + width] = [True] * width
    kept, previous = [], False
    for char, hide in zip(text, hidden, strict=True):
        if not hide:
            kept.append(char)
        elif not previous:
            kept.append(REDACTED)
        previous = hide
    return "".join(kept)
