"""Products and variants: parent SKUs, categories, permits, idempotence, other groups' products."""

from catalog_import.models import ProductImportKey
from marketplace.catalog.models import Category, Product, ProductStatus, ProductVariant, Stock
from tests.factories.catalog import ProductVariantFactory, StockFactory
from tests.factories.catalog_import import PRODUCT_HEADER, product_row, write_csv


def _soap_rows(**changes):
    rows = [
        product_row(
            sku="SBN-SEREH",
            parent_sku="SBN-PROP",
            name="Sabun Propolis",
            category="Kosmetik & Perawatan > Sabun",
            price="Rp 25.000",
            stock="40",
            weight="90 g",
            options="Aroma=Sereh",
            permit_number="BPOM NA18201200100",
        ),
        product_row(
            sku="SBN-LAV",
            parent_sku="SBN-PROP",
            name="Sabun Propolis",
            category="Kosmetik & Perawatan > Sabun",
            price="Rp 27.000",
            stock="35",
            weight="90 g",
            options="Aroma=Lavender",
            permit_number="BPOM NA18201200100",
        ),
    ]
    for sku, values in changes.items():
        next(r for r in rows if r["sku"] == sku).update(values)
    return rows


def test_rows_sharing_a_parent_sku_are_variants_of_one_product(
    tmp_path, klungkung_group, run_import
):
    path = write_csv(tmp_path / "p.csv", _soap_rows(), header=PRODUCT_HEADER)
    report = run_import(path)
    assert report["counts"]["created"] == 2
    product = Product.objects.get()
    assert (product.name, product.group, product.category.slug) == (
        "Sabun Propolis",
        klungkung_group,
        "sabun",
    )
    assert product.status == ProductStatus.SUBMITTED
    assert product.permit_number == "BPOM NA18201200100"
    variants = list(product.variants.values_list("sku", "price", "weight_g", "options"))
    assert variants == [
        ("SBN-SEREH", 25_000, 90, {"Aroma": "Sereh"}),
        ("SBN-LAV", 27_000, 90, {"Aroma": "Lavender"}),
    ]
    stocks = Stock.objects.filter(group=klungkung_group).order_by("variant__sku")
    assert list(stocks.values_list("variant__sku", "quantity")) == [
        ("SBN-LAV", 35),
        ("SBN-SEREH", 40),
    ]
    assert ProductImportKey.objects.get().key == "SBN-PROP"
    assert report["rows"][0]["normalized"]["price"] == 25_000
    assert report["rows"][0]["normalized"]["weight_g"] == 90


def test_importing_the_same_file_twice_changes_nothing(tmp_path, klungkung_group, run_import):
    path = write_csv(tmp_path / "p.csv", _soap_rows(), header=PRODUCT_HEADER)
    run_import(path)
    before = (
        list(Product.objects.values()),
        list(ProductVariant.objects.values()),
        list(Stock.objects.values()),
    )
    report = run_import(path)
    assert [r["action"] for r in report["rows"]] == ["unchanged", "unchanged"]
    after = (
        list(Product.objects.values()),
        list(ProductVariant.objects.values()),
        list(Stock.objects.values()),
    )
    assert after == before


def test_a_changed_price_updates_only_that_variant(tmp_path, klungkung_group, run_import):
    run_import(write_csv(tmp_path / "a.csv", _soap_rows(), header=PRODUCT_HEADER))
    lavender_before = ProductVariant.objects.values().get(sku="SBN-LAV")
    changed = _soap_rows(**{"SBN-SEREH": {"price": "Rp 26.000"}})
    report = run_import(write_csv(tmp_path / "b.csv", changed, header=PRODUCT_HEADER))
    assert [r["action"] for r in report["rows"]] == ["updated", "unchanged"]
    assert ProductVariant.objects.get(sku="SBN-SEREH").price == 26_000
    assert ProductVariant.objects.values().get(sku="SBN-LAV") == lavender_before


def test_a_later_file_adds_a_variant_to_the_product_by_parent_sku(
    tmp_path, klungkung_group, run_import
):
    run_import(write_csv(tmp_path / "a.csv", _soap_rows(), header=PRODUCT_HEADER))
    extra = _soap_rows()[0] | {"sku": "SBN-MAWAR", "options": "Aroma=Mawar"}
    report = run_import(write_csv(tmp_path / "b.csv", [extra], header=PRODUCT_HEADER))
    assert report["rows"][0]["action"] == "created"
    product = Product.objects.get()
    assert sorted(product.variants.values_list("sku", flat=True)) == [
        "SBN-LAV",
        "SBN-MAWAR",
        "SBN-SEREH",
    ]


def test_a_sku_of_another_group_is_never_overwritten(
    tmp_path, klungkung_group, gianyar_group, run_import
):
    theirs = ProductVariantFactory(sku="TAS-PDN-01", product__group=gianyar_group, price=99_000)
    before = ProductVariant.objects.values().get(pk=theirs.pk)
    report = run_import(write_csv(tmp_path / "p.csv", [product_row()], header=PRODUCT_HEADER))
    row = report["rows"][0]
    assert row["action"] == "rejected"
    assert [(e["column"], e["code"]) for e in row["errors"]] == [("sku", "other_group_product")]
    assert "UPPKS-GIA-01" in row["errors"][0]["message"]
    assert ProductVariant.objects.values().get(pk=theirs.pk) == before
    assert Product.objects.count() == 1


def test_categories_by_name_english_name_slug_path_or_id(tmp_path, klungkung_group, run_import):
    anyaman = Category.objects.get(slug="anyaman")
    rows = [
        product_row(sku="A1", category="anyaman"),
        product_row(sku="A2", category="Woven Crafts"),
        product_row(sku="A3", category="Kerajinan > Anyaman"),
        product_row(sku="A4", category="crafts › woven crafts"),
        product_row(sku="A5", category=str(anyaman.pk)),
        product_row(sku="A6", category="Anyamn"),
    ]
    report = run_import(write_csv(tmp_path / "p.csv", rows, header=PRODUCT_HEADER))
    assert [r["normalized"].get("category") for r in report["rows"]] == ["anyaman"] * 5 + [None]
    error = report["rows"][5]["errors"][0]
    assert (error["column"], error["code"]) == ("category", "unknown_category")
    assert "Kerajinan > Anyaman" in error["message"]


def test_descriptions_are_sanitized(tmp_path, klungkung_group, run_import):
    row = product_row(description='<p onclick="x()">Bagus<script>alert(1)</script></p>')
    run_import(write_csv(tmp_path / "p.csv", [row], header=PRODUCT_HEADER))
    assert Product.objects.get().description == "<p>Bagus</p>"


def test_food_without_permit_or_halal_number_is_imported_unpublished_with_warnings(
    tmp_path, klungkung_group, run_import
):
    rows = [
        product_row(sku="EMP-1", name="Emping Melinjo", category="Camilan"),
        product_row(
            sku="EMP-2",
            name="Emping Pedas",
            category="Camilan",
            permit_number="P-IRT 2051105010100-28",
            halal_number="ID11110000123450125",
        ),
    ]
    report = run_import(write_csv(tmp_path / "p.csv", rows, header=PRODUCT_HEADER))
    assert report["exit_code"] == 0
    warnings = [[(w["column"], w["code"]) for w in r["warnings"]] for r in report["rows"]]
    assert warnings == [
        [("permit_number", "permit_required"), ("halal_number", "halal_required")],
        [],
    ]
    assert report["counts"]["warnings"] == 2
    statuses = dict(Product.objects.values_list("name", "status"))
    assert statuses == {
        "Emping Melinjo": ProductStatus.DRAFT,
        "Emping Pedas": ProductStatus.SUBMITTED,
    }


def test_stock_cannot_go_below_what_orders_reserved(tmp_path, klungkung_group, run_import):
    stock = StockFactory(
        variant__sku="TAS-PDN-01",
        variant__product__group=klungkung_group,
        quantity=10,
        quantity_allocated=4,
    )
    report = run_import(
        write_csv(tmp_path / "p.csv", [product_row(stock="3")], header=PRODUCT_HEADER)
    )
    assert [(e["column"], e["code"]) for e in report["rows"][0]["errors"]] == [
        ("stock", "stock_below_allocated")
    ]
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (10, 4)


def test_unknown_group_and_cell_errors_are_reported_per_column(tmp_path, db, run_import):
    rows = [
        product_row(
            group_code="TIDAK-ADA",
            price="25.000,50",
            weight="berat",
            stock="-2",
            options="Aroma",
            name="x" * 201,
        )
    ]
    report = run_import(write_csv(tmp_path / "p.csv", rows, header=PRODUCT_HEADER))
    codes = [(e["column"], e["code"]) for e in report["rows"][0]["errors"]]
    assert codes == [
        ("name", "too_long"),
        ("price", "invalid_price"),
        ("weight", "invalid_weight"),
        ("stock", "invalid_stock"),
        ("options", "invalid_options"),
        ("group_code", "unknown_group"),
    ]
    assert not Product.objects.exists()
