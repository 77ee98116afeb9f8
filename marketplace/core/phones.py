"""Indonesian phone numbers to E.164, as people and Excel write them."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s\-\.\(\)/\u00a0]")


def normalize_phone(raw: object) -> str:
    """Return ``+62…`` for an Indonesian mobile or landline number, or raise ValidationError.

    Accepts ``0812-3456-7801``, ``+62 812 3456 7801``, ``62812…``, ``(0361) 234567`` and a
    mobile number that lost its leading 0 in a spreadsheet (``81337001234``).
    """
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _SEPARATORS.sub("", str(raw or "").strip())
    if not text:
        raise ValidationError(_("Phone number is required."), code="required")
    if text.startswith("8") and text.isdigit():  # leading 0 eaten by Excel
        text = "0" + text
    elif text.startswith("62") and text.isdigit():
        text = "+" + text
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or number.country_code != 62 or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid Indonesian phone number (e.g. 0812-3456-7801).")
            % {"value": str(raw).strip()},
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
