"""Wholesale offers by import: the four catalog_import columns (docs/IMPORT.md)."""

import pytest

from marketplace.partners.models import WholesaleOffer
from tests.factories.catalog_import import PRODUCT_HEADER, product_row, write_csv
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import regency

HEADER = [*PRODUCT_HEADER, "harga_grosir", "minimal_pesan", "waktu_produksi", "kapasitas_bulanan"]


@pytest.fixture
def klungkung_group(db):
    return UppksGroupFactory(code="UPPKS-KLK-01", regency=regency("51.05"))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def run(path):
    from catalog_import.importer import ImportOptions, import_file

    report = import_file(str(path), "products", ImportOptions())
    try:
        return report.as_dict()
    finally:
        report.close()


def soap(**wholesale):
    row = product_row(sku="SBN-PROP", name="Sabun Propolis", price="Rp 15.000")
    row.update(
        {
            "harga_grosir": "50:Rp 12.000 | 200:10500",
            "minimal_pesan": "50",
            "waktu_produksi": "7",
            "kapasitas_bulanan": "500",
        }
    )
    row.update(wholesale)
    return row


def test_wholesale_offer_imported_with_the_product(tmp_path, klungkung_group):
    report = run(write_csv(tmp_path / "p.csv", [soap()], header=HEADER))
    assert report["counts"]["created"] == 1
    offer = WholesaleOffer.objects.get()
    assert offer.variant.sku == "SBN-PROP"
    assert (offer.min_order_quantity, offer.lead_time_days, offer.monthly_capacity) == (50, 7, 500)
    assert list(offer.tiers.values_list("min_quantity", "unit_price")) == [
        (50, 12_000),
        (200, 10_500),
    ]
    run(write_csv(tmp_path / "p2.csv", [soap(harga_grosir="50:13000")], header=HEADER))
    offer = WholesaleOffer.objects.get()
    assert list(offer.tiers.values_list("min_quantity", "unit_price")) == [(50, 13_000)]


@pytest.mark.parametrize(
    "wholesale, message",
    [
        (
            {"harga_grosir": "50:12000 | 200:12500"},
            "Harga harus turun saat jumlah naik: 200+ seharga Rp 12.500 tidak lebih murah dari "
            "50+ seharga Rp 12.000.",
        ),
        (
            {"harga_grosir": "50 12000"},
            "Tulis setiap tingkat sebagai jumlah:harga, misalnya 50:12000.",
        ),
        (
            {"kapasitas_bulanan": ""},
            "Penawaran grosir perlu semua kolom: harga_grosir, minimal_pesan, waktu_produksi, "
            "kapasitas_bulanan.",
        ),
        (
            {"kapasitas_bulanan": "10"},
            "Kapasitas per bulan tidak boleh di bawah jumlah pesanan minimum.",
        ),
    ],
)
def test_wholesale_import_bad_row_refused_nothing_written(
    tmp_path, klungkung_group, wholesale, message
):
    report = run(write_csv(tmp_path / "p.csv", [soap(**wholesale)], header=HEADER))
    errors = [issue["message"] for issue in report["rows"][0]["errors"]]
    assert message in errors
    assert report["rows"][0]["errors"][0]["code"] == "invalid_wholesale"
    assert not WholesaleOffer.objects.exists()
