"""One rule for rupiah typed by people: the payment form and the spreadsheet import both use it."""

import pytest

from marketplace.core.money import RupiahParseError, RupiahProblem, parse_rupiah


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("660973", 660_973),
        ("660.973", 660_973),
        ("Rp 660.973", 660_973),
        ("Rp. 660.973,-", 660_973),
        ("Rp660.973", 660_973),
        ("rp 660.973", 660_973),
        ("RP.660.973", 660_973),
        ("IDR 660.973", 660_973),
        ("Rp 1.250.000", 1_250_000),
        ("Rp 25.000.-", 25_000),
        ("Rp 25.000,00", 25_000),
        ("25.000,0", 25_000),
        ("\u00a0Rp\u00a01.250.000 ", 1_250_000),
        ("Rp\u202f25.000", 25_000),
        ("1 250 000", 1_250_000),
        ("0", 0),
        ("Rp 0", 0),
        ("500", 500),
    ],
)
def test_whole_rupiah_are_read_as_people_write_them_in_indonesia(typed, amount):
    assert parse_rupiah(typed) == amount


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", RupiahProblem.EMPTY),
        ("   ", RupiahProblem.EMPTY),
        ("Rp", RupiahProblem.INVALID),
        ("Rp.", RupiahProblem.INVALID),
        ("Rp ,-", RupiahProblem.INVALID),
        ("-", RupiahProblem.INVALID),
        ("1.2.3", RupiahProblem.INVALID),
        ("66.0973", RupiahProblem.INVALID),
        ("1.25", RupiahProblem.FRACTION),
        ("12,5", RupiahProblem.FRACTION),
        ("660.97", RupiahProblem.FRACTION),
        ("25.000,50", RupiahProblem.FRACTION),
        ("660,973", RupiahProblem.FRACTION),
        ("25000.00", RupiahProblem.FRACTION),
        ("-5", RupiahProblem.NEGATIVE),
        ("-Rp 5.000", RupiahProblem.NEGATIVE),
        ("Rp -5.000", RupiahProblem.INVALID),
        ("--5", RupiahProblem.INVALID),
        ("enam ratus ribu", RupiahProblem.INVALID),
        ("Rp 25.000 per pcs", RupiahProblem.INVALID),
        ("=25000", RupiahProblem.INVALID),
        ("\u00b2", RupiahProblem.INVALID),
    ],
)
def test_anything_else_is_refused_with_the_reason(typed, problem):
    with pytest.raises(RupiahParseError) as raised:
        parse_rupiah(typed)
    assert raised.value.problem == problem
    assert raised.value.text == typed


def test_a_refusal_is_a_value_error():
    with pytest.raises(ValueError, match="negative: '-5'"):
        parse_rupiah("-5")


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("IDR 25,000", 25_000),
        ("25,000", 25_000),
        ("1,250,000", 1_250_000),
        ("25000.00", 25_000),
        ("Rp 25.000", 25_000),
        ("Rp. 25.000,-", 25_000),
    ],
)
def test_english_separators_are_read_when_asked_for(typed, amount):
    assert parse_rupiah(typed, english_separators=True) == amount


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("12,5", RupiahProblem.FRACTION),
        ("25000.5", RupiahProblem.FRACTION),
        ("1,2,3", RupiahProblem.INVALID),
        ("25,000.50", RupiahProblem.INVALID),
        ("-25,000", RupiahProblem.NEGATIVE),
        ("", RupiahProblem.EMPTY),
    ],
)
def test_english_separators_still_refuse_fractions_and_negatives(typed, problem):
    with pytest.raises(RupiahParseError) as raised:
        parse_rupiah(typed, english_separators=True)
    assert raised.value.problem == problem
