"""Reading a member's WhatsApp text as a command, forgiving how people type on a phone.

``TERIMA 100234``, ``terima #100234``, ``Terima100234``, ``*TOLAK* 100234 stok habis``,
``KIRIM 100234 J&T Express JP1234567890``, ``stok #SBN-01 25``, ``bantuan`` (or ``help``, ``?``).
Keywords ignore case; spaces may be many or missing between a keyword and an order number;
``#`` before an order number or SKU is dropped; WhatsApp's ``*bold*`` / ``_italic_`` marks
around the message are ignored.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .errors import InboundError, InboundErrorCode

ACCEPT, REJECT, SHIP, STOCK, HELP = "terima", "tolak", "kirim", "stok", "bantuan"
HELP_WORDS = frozenset({"bantuan", "help", "menu", "info", "?"})
MAX_QUANTITY = 1_000_000  # as the portal's stock form

_KEYWORD = re.compile(r"^(terima|tolak|kirim|stok)(?![a-z])", re.I)
_ORDER = re.compile(r"^#?\s*(\d{1,18})[.,!]?(?!\S)\s*(.*)$", re.S)
_STOCK = re.compile(r"^#?\s*([A-Za-z0-9][A-Za-z0-9._/-]*)\s+(-?\d+)[.!]?$")
_FORMATTING = "*_~`"


@dataclass(frozen=True)
class Command:
    name: str
    order_number: int | None = None
    reason: str = ""
    courier: str = ""
    tracking_number: str = ""
    sku: str = ""
    quantity: int | None = None


def _clean(text: str) -> str:
    text = " ".join((text or "").split())
    return text.strip(_FORMATTING + " ").replace("*", "")


def parse(text: str) -> Command:
    """The command in ``text``, or ``InboundError`` saying how to write it."""
    text = _clean(text)
    if text.lower().rstrip(".!") in HELP_WORDS:
        return Command(HELP)
    match = _KEYWORD.match(text)
    if match is None:
        raise InboundError(
            InboundErrorCode.UNKNOWN_COMMAND,
            _("We did not understand “%(text)s”.") % {"text": text[:40]},
        )
    name = match.group(1).lower()
    rest = text[match.end() :].strip()
    if name == STOCK:
        return _stock(rest)
    order = _ORDER.match(rest)
    if order is None:
        raise InboundError(InboundErrorCode.ORDER_NUMBER_REQUIRED, _usage(name))
    number, rest = int(order.group(1)), order.group(2).strip()
    if name == ACCEPT:
        return Command(ACCEPT, order_number=number)
    if name == REJECT:
        if not rest:
            raise InboundError(InboundErrorCode.REASON_REQUIRED, _usage(REJECT))
        return Command(REJECT, order_number=number, reason=rest)
    words = rest.split()
    if len(words) < 2:
        raise InboundError(InboundErrorCode.SHIPMENT_REQUIRED, _usage(SHIP))
    return Command(
        SHIP, order_number=number, courier=" ".join(words[:-1]), tracking_number=words[-1]
    )


def _stock(rest: str) -> Command:
    match = _STOCK.match(rest)
    if match is None:
        raise InboundError(InboundErrorCode.STOCK_REQUIRED, _usage(STOCK))
    quantity = int(match.group(2))
    if not 0 <= quantity <= MAX_QUANTITY:
        raise InboundError(
            InboundErrorCode.INVALID_QUANTITY,
            _("The stock must be a whole number from 0 to %(max)s.") % {"max": f"{MAX_QUANTITY:,}"},
        )
    return Command(STOCK, sku=match.group(1), quantity=quantity)


def _usage(name: str) -> str:
    examples = {
        ACCEPT: "TERIMA 100234",
        REJECT: "TOLAK 100234 stok habis",
        SHIP: "KIRIM 100234 JNE JP1234567890",
        STOCK: "STOK SBN-01 25",
    }
    return _("Write it like this: %(example)s") % {"example": examples[name]}
