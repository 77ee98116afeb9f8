import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from marketplace.core.phones import normalize_phone


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0812-3456-7801", "+6281234567801"),
        ("+62 812 3456 7801", "+6281234567801"),
        ("6281234567801", "+6281234567801"),
        ("81337001234", "+6281337001234"),
        (81337001234.0, "+6281337001234"),
        ("(0361) 234567", "+62361234567"),
    ],
)
def test_phone_numbers_normalized_to_e164(raw, e164):
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize("raw", ["12345", "abc", "+1 202 555 0100", "0812"])
def test_bad_phone_numbers_rejected(raw):
    with pytest.raises(ValidationError) as err:
        normalize_phone(raw)
    assert err.value.code == "invalid_phone"


def test_phone_error_in_indonesian_by_default(settings):
    # the message catalog is Indonesian; English is the fallback language
    with translation.override("id"), pytest.raises(ValidationError) as err:
        normalize_phone("12345")
    assert "nomor telepon" in err.value.messages[0].lower()
