from marketplace.regions.models import District, Province, Regency, RegencyKind


def test_every_province_and_regency_is_loaded_by_migrations(db):
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.filter(kind=RegencyKind.KABUPATEN).count() == 416
    assert Regency.objects.filter(kind=RegencyKind.KOTA).count() == 98
    assert District.objects.count() == 7285


def test_official_codes(db):
    assert Province.objects.get(code="51").name == "Bali"
    assert Province.objects.get(code="11").name == "Aceh"
    assert Regency.objects.get(code="51.05").name == "Kabupaten Klungkung"
    assert Regency.objects.get(code="11.04").name == "Kabupaten Aceh Tengah"
    assert Regency.objects.get(code="51.71").kind == RegencyKind.KOTA
