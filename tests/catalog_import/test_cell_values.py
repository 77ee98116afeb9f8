import pytest
from django.utils import translation

from catalog_import.values import parse_count, parse_options, parse_price, parse_weight


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("25000", 25_000),
        ("25.000", 25_000),
        ("Rp 25.000", 25_000),
        ("Rp. 25.000,-", 25_000),
        ("Rp 1.250.000", 1_250_000),
        ("Rp\u00a025.000", 25_000),
        ("25.000,00", 25_000),
        ("IDR 25,000", 25_000),
        (25000, 25_000),
        (25000.0, 25_000),
    ],
)
def test_price_accepts_the_ways_rupiah_are_written(raw, expected):
    assert parse_price(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message_part"),
    [
        ("25.000,50", "fraction of a rupiah"),
        (25000.5, "fraction of a rupiah"),
        ("0", "more than Rp 0"),
        ("-5000", "more than Rp 0"),
        ("Rp -5.000", "not a price"),
        ("dua puluh ribu", "not a price"),
        ("", "required"),
    ],
)
def test_price_refuses_fractions_zero_negatives_and_words(raw, message_part):
    with pytest.raises(ValueError, match=message_part):
        parse_price(raw)


@pytest.mark.parametrize(
    ("raw", "grams"),
    [
        ("250", 250),
        ("250 g", 250),
        ("250gr", 250),
        ("250 gram", 250),
        ("0,25 kg", 250),
        ("1 kg", 1000),
        ("1.5 kg", 1500),
        ("2 ons", 200),
        (250, 250),
        (250.0, 250),
    ],
)
def test_weight_is_read_in_grams(raw, grams):
    assert parse_weight(raw) == grams


@pytest.mark.parametrize("raw", ["berat", "250 lbs", "0 g", "0,3333 kg", "-1 kg", ""])
def test_weight_refuses_anything_else(raw):
    with pytest.raises(ValueError):
        parse_weight(raw)


def test_stock_is_a_whole_number_not_below_zero():
    assert parse_count("1.200") == 1200
    assert parse_count(7.0) == 7
    with pytest.raises(ValueError, match="negative"):
        parse_count("-1")
    with pytest.raises(ValueError, match="whole number"):
        parse_count("2,5")


def test_options_are_name_value_pairs():
    assert parse_options("Aroma=Sereh; Ukuran=Kecil") == {"Aroma": "Sereh", "Ukuran": "Kecil"}
    assert parse_options(" Aroma = Sereh ;") == {"Aroma": "Sereh"}
    with pytest.raises(ValueError, match="name=value"):
        parse_options("Aroma Sereh")
    with pytest.raises(ValueError, match="given twice"):
        parse_options("Aroma=Sereh; Aroma=Mawar")
