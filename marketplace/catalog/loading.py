"""Seeding the category tree from the bundled CSV (used by the data migration and by tests)."""

import csv
from pathlib import Path

CATEGORIES_CSV = Path(__file__).resolve().parent / "data" / "categories.csv"


def load_categories(category_model) -> None:
    """Create every category of the CSV that is missing; parents come before children."""
    with open(CATEGORIES_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_slug = {c.slug: c for c in category_model.objects.all()}
    for position, row in enumerate(rows):
        if row["slug"] in by_slug:
            continue
        by_slug[row["slug"]] = category_model.objects.create(
            slug=row["slug"],
            parent=by_slug.get(row["parent_slug"]) if row["parent_slug"] else None,
            name=row["name_id"],
            name_en=row["name_en"],
            requires_permit=row["requires_permit"].strip().lower() == "yes",
            sort_order=position,
        )
