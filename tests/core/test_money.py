from django.template import Context, Template
from django.utils import translation

from marketplace.core.money import format_rupiah


def test_rupiah_format():
    assert format_rupiah(1_250_000) == "Rp 1.250.000"
    assert format_rupiah(25_000) == "Rp 25.000"
    assert format_rupiah(500) == "Rp 500"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(-85_123) == "-Rp 85.123"


def test_rupiah_format_does_not_follow_the_ui_language():
    with translation.override("en"):
        assert format_rupiah(1_250_000) == "Rp 1.250.000"


def test_rupiah_template_filter():
    rendered = Template("{% load money %}{{ amount|rupiah }}").render(Context({"amount": 85123}))
    assert rendered == "Rp 85.123"
