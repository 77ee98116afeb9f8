import pytest

from marketplace.regions.lookup import RegionLookupError, find_province_code, find_regency_code


@pytest.mark.parametrize(
    "text",
    [
        "Kab. Klungkung",
        "Kabupaten Klungkung",
        "KABUPATEN   klungkung",
        "klungkung",
        "Kab Klungkung",
    ],
)
def test_regency_lookup_tolerates_prefix_case_and_spacing(db, text):
    assert find_regency_code(text) == "51.05"


def test_kota_prefix_picks_the_city(db):
    assert find_regency_code("Kota Denpasar") == "51.71"
    assert find_regency_code("Kota Bogor") == "32.71"
    assert find_regency_code("Kab. Bogor") == "32.01"


def test_bare_name_shared_by_kabupaten_and_kota_is_ambiguous(db):
    with pytest.raises(RegionLookupError) as err:
        find_regency_code("Bogor")
    assert err.value.code == "ambiguous"
    assert "Kabupaten Bogor" in err.value.message and "Kota Bogor" in err.value.message


def test_near_miss_gets_did_you_mean(db):
    with pytest.raises(RegionLookupError) as err:
        find_regency_code("Klungkong", "51")
    assert err.value.code == "not_found"
    assert err.value.suggestion == "Kabupaten Klungkung"
    assert "Kabupaten Klungkung" in err.value.message


def test_regency_outside_the_province_is_refused(db):
    with pytest.raises(RegionLookupError) as err:
        find_regency_code("Klungkung", find_province_code("Aceh"))
    assert err.value.code == "not_in_province"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bali", "51"),
        ("bali", "51"),
        ("Provinsi Aceh", "11"),
        ("DKI Jakarta", "31"),
        ("DI Yogyakarta", "34"),
        ("51", "51"),
        ("NTB", "52"),
    ],
)
def test_province_lookup(db, text, code):
    assert find_province_code(text) == code


def test_province_near_miss(db):
    with pytest.raises(RegionLookupError) as err:
        find_province_code("Jawa Timor")
    assert err.value.suggestion == "Jawa Timur"


def test_unknown_regency_without_suggestion(db):
    with pytest.raises(RegionLookupError) as err:
        find_regency_code("Atlantis Raya")
    assert err.value.code == "not_found"
    assert err.value.suggestion == ""
