"""Loading the bundled region CSVs (used by the data migration and by tests)."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_regions(province_model, regency_model, district_model) -> None:
    """Insert every province, regency and district that is not there yet."""
    existing = set(province_model.objects.values_list("code", flat=True))
    province_model.objects.bulk_create(
        province_model(code=row["code"], name=row["name"])
        for row in read_rows("provinces.csv")
        if row["code"] not in existing
    )
    existing = set(regency_model.objects.values_list("code", flat=True))
    regency_model.objects.bulk_create(
        regency_model(
            code=row["code"],
            province_id=row["province_code"],
            name=row["name"],
            kind="kota" if row["name"].startswith("Kota ") else "kabupaten",
        )
        for row in read_rows("regencies.csv")
        if row["code"] not in existing
    )
    existing = set(district_model.objects.values_list("code", flat=True))
    district_model.objects.bulk_create(
        (
            district_model(code=row["code"], regency_id=row["regency_code"], name=row["name"])
            for row in read_rows("districts.csv")
            if row["code"] not in existing
        ),
        batch_size=2000,
    )
