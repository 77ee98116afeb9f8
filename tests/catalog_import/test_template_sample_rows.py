"""Example rows use marked codes: importing a template as it is touches no demo data."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from catalog_import import blank_templates
from catalog_import.readers import open_sheet
from marketplace.catalog.models import Product, ProductVariant
from marketplace.groups.models import UppksGroup

SAMPLES = Path(blank_templates.__file__).resolve().parent / "samples"
DEMO_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".csv", ".py"))


def _sample_row(tmp_path, kind: str, lang: str, fmt: str) -> dict:
    path = tmp_path / f"template-{kind}.{fmt}"
    path.write_bytes(blank_templates.build(kind, lang, fmt))
    sheet = open_sheet(str(path))
    (row,) = list(sheet.rows)
    return dict(zip(blank_templates.header(kind, "en"), row.cells, strict=True))


def _sample_codes(tmp_path) -> set[str]:
    codes = set()
    for fmt in ("xlsx", "csv"):
        for lang in ("id", "en"):
            groups = _sample_row(tmp_path, "groups", lang, fmt)
            products = _sample_row(tmp_path, "products", lang, fmt)
            codes |= {groups["group_code"], products["group_code"]}
            codes |= {products["sku"], products["parent_sku"]}
    return codes


def test_the_example_codes_are_marked_as_examples(tmp_path):
    assert _sample_codes(tmp_path) == {"CONTOH-UPPKS-01", "CONTOH-SBN-SEREH", "CONTOH-SBN"}


def test_the_example_codes_appear_in_no_demo_file(tmp_path):
    assert {"generate.py", "groups.csv", "products.csv"} <= {p.name for p in DEMO_FILES}
    demo_text = "\n".join(p.read_text(encoding="utf-8") for p in DEMO_FILES).upper()
    demo_codes = set(re.findall(r"[A-Z0-9]+(?:-[A-Z0-9]+)+", demo_text))
    assert "SBN-PROP-SEREH" in demo_codes
    assert "UPPKS-BALI-001" in demo_codes
    for code in _sample_codes(tmp_path):
        assert code not in demo_text
        assert code not in demo_codes


@pytest.fixture
def demo_site(db):
    with translation.override("en"):
        call_command("load_demo", stdout=StringIO())


def test_importing_the_products_template_as_is_on_the_demo_site_changes_nothing(
    demo_site, tmp_path, run_import
):
    # given
    variants = dict(ProductVariant.objects.values_list("sku", "price"))
    products = Product.objects.count()
    path = tmp_path / "template-produk-id.xlsx"
    path.write_bytes(blank_templates.build("products", "id", "xlsx"))
    # when
    report = run_import(path, "products")
    # then
    assert report["committed"] is False
    assert report["counts"]["rejected"] == 1
    assert report["counts"]["updated"] == 0
    assert [e["code"] for e in report["rows"][0]["errors"]] == ["unknown_group"]
    assert Product.objects.count() == products
    assert dict(ProductVariant.objects.values_list("sku", "price")) == variants


def test_importing_both_templates_as_is_on_the_demo_site_adds_only_the_examples(
    demo_site, tmp_path, run_import
):
    # given
    variants = dict(ProductVariant.objects.values_list("sku", "price"))
    groups = set(UppksGroup.objects.values_list("code", flat=True))
    for kind in ("groups", "products"):
        (tmp_path / f"{kind}.xlsx").write_bytes(blank_templates.build(kind, "id", "xlsx"))
    # when
    group_report = run_import(tmp_path / "groups.xlsx", "groups")
    product_report = run_import(tmp_path / "products.xlsx", "products")
    # then
    assert group_report["counts"] == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "warnings": 0,
    }
    assert product_report["counts"]["created"] == 1
    assert product_report["counts"]["updated"] == 0
    assert product_report["counts"]["rejected"] == 0
    assert set(UppksGroup.objects.values_list("code", flat=True)) == groups | {"CONTOH-UPPKS-01"}
    new = dict(ProductVariant.objects.values_list("sku", "price"))
    assert new == {**variants, "CONTOH-SBN-SEREH": 25_000}
