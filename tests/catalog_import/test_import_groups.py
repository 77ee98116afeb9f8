"""The groups registry: regions, phones and partners checked; the group code is the key."""

from marketplace.groups.models import Partnership, UppksGroup
from tests.factories.catalog_import import GROUP_HEADER, group_row, write_csv


def test_groups_are_created_with_normalized_values(db, tmp_path, run_import):
    path = write_csv(
        tmp_path / "kelompok.csv",
        [
            group_row(),
            group_row(
                group_code="UPPKS-DPS-01",
                name="UPPKS Harum Dupa",
                regency="Kota Denpasar",
                district="Kec. Denpasar Timur",
                phone="(0361) 234567",
                partners="",
                email="",
                founded_year="",
            ),
            group_row(
                group_code="UPPKS-ATG-01",
                name="UPPKS Kopi Gayo",
                province="Aceh",
                regency="KABUPATEN aceh tengah",
                district="Bebesen",
                phone="81337001234",
                partners="",
            ),
        ],
        header=GROUP_HEADER,
    )
    report = run_import(path, "groups")
    assert report["counts"] == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "warnings": 0,
    }
    assert report["exit_code"] == 0
    mawar = UppksGroup.objects.get(code="UPPKS-KLK-01")
    assert (str(mawar.phone), mawar.regency_id, mawar.district.name) == (
        "+6281234567801",
        "51.05",
        "Dawan",
    )
    assert mawar.founded_year == 2012
    assert sorted(
        Partnership.objects.filter(group=mawar).values_list("partner__name", flat=True)
    ) == [
        "BUMDes Gunaksa",
        "Koperasi Wanita Dawan",
    ]
    dupa = UppksGroup.objects.get(code="UPPKS-DPS-01")
    assert (str(dupa.phone), dupa.regency_id) == ("+62361234567", "51.71")
    gayo = UppksGroup.objects.get(code="UPPKS-ATG-01")
    assert (str(gayo.phone), gayo.regency_id) == ("+6281337001234", "11.04")
    normalized = report["rows"][0]["normalized"]
    assert normalized["phone"] == "+6281234567801"
    assert normalized["regency_code"] == "51.05"
    assert normalized["province_code"] == "51"
    assert normalized["district_code"] == mawar.district_id


def test_reimporting_the_same_registry_changes_nothing(db, tmp_path, run_import):
    path = write_csv(tmp_path / "kelompok.csv", [group_row()], header=GROUP_HEADER)
    run_import(path, "groups")
    before = UppksGroup.objects.values().get()
    report = run_import(path, "groups")
    assert report["counts"]["unchanged"] == 1
    assert report["rows"][0]["action"] == "unchanged"
    assert UppksGroup.objects.values().get() == before
    assert Partnership.objects.count() == 2


def test_a_changed_phone_updates_the_group(db, tmp_path, run_import):
    run_import(write_csv(tmp_path / "a.csv", [group_row()], header=GROUP_HEADER), "groups")
    path = write_csv(tmp_path / "b.csv", [group_row(phone="0813-3700-1234")], header=GROUP_HEADER)
    report = run_import(path, "groups")
    assert report["rows"][0]["action"] == "updated"
    assert str(UppksGroup.objects.get().phone) == "+6281337001234"


def test_region_errors_name_the_column_and_suggest(db, tmp_path, run_import):
    path = write_csv(
        tmp_path / "kelompok.csv",
        [
            group_row(group_code="A", regency="Klungkong"),
            group_row(group_code="B", province="Aceh", regency="Klungkung"),
            group_row(group_code="C", province="Balii"),
            group_row(group_code="D", district="Ubud"),
        ],
        header=GROUP_HEADER,
    )
    report = run_import(path, "groups")
    errors = {r["key"]: [(e["column"], e["code"]) for e in r["errors"]] for r in report["rows"]}
    assert errors == {
        "A": [("regency", "unknown_regency")],
        "B": [("regency", "regency_not_in_province")],
        "C": [("province", "unknown_province")],
        "D": [("district", "unknown_district")],
    }
    assert "Kabupaten Klungkung" in report["rows"][0]["errors"][0]["message"]
    assert report["counts"]["rejected"] == 4
    assert report["exit_code"] == 1
    assert not UppksGroup.objects.exists()


def test_phone_email_year_and_duplicates_are_checked(db, tmp_path, run_import):
    path = write_csv(
        tmp_path / "kelompok.csv",
        [
            group_row(group_code="A", phone="12345"),
            group_row(group_code="B", email="bukan-email", founded_year="1950"),
            group_row(group_code="A"),
            group_row(group_code="C", phone="", name=""),
        ],
        header=GROUP_HEADER,
    )
    report = run_import(path, "groups")
    errors = [[(e["column"], e["code"]) for e in r["errors"]] for r in report["rows"]]
    assert errors == [
        [("phone", "invalid_phone")],
        [("email", "invalid_email"), ("founded_year", "invalid_year")],
        [("group_code", "duplicated_in_file")],
        [("name", "required"), ("phone", "required")],
    ]
    assert "baris 2" in report["rows"][2]["errors"][0]["message"]
    assert not UppksGroup.objects.exists()


def test_all_or_nothing_by_default_and_skip_invalid_writes_the_valid_rows(db, tmp_path, run_import):
    path = write_csv(
        tmp_path / "kelompok.csv",
        [group_row(group_code="OK-1"), group_row(group_code="BAD-1", phone="x")],
        header=GROUP_HEADER,
    )
    report = run_import(path, "groups")
    assert report["committed"] is False
    assert [r["action"] for r in report["rows"]] == ["created", "rejected"]
    assert not UppksGroup.objects.exists()

    report = run_import(path, "groups", skip_invalid=True)
    assert report["committed"] is True
    assert report["exit_code"] == 1
    assert list(UppksGroup.objects.values_list("code", flat=True)) == ["OK-1"]


def test_dry_run_writes_nothing(db, tmp_path, run_import):
    path = write_csv(tmp_path / "kelompok.csv", [group_row()], header=GROUP_HEADER)
    report = run_import(path, "groups", dry_run=True)
    assert report["dry_run"] is True
    assert report["counts"]["created"] == 1
    assert report["exit_code"] == 0
    assert not UppksGroup.objects.exists()
    assert not Partnership.objects.exists()
