"""The columns of the two spreadsheets: English names, Indonesian aliases, and header matching."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ImportErrorCode, ImportFileError

_SEPARATORS = re.compile(r"[\s/\-]+")
_UNDERSCORES = re.compile(r"_+")


@dataclass(frozen=True)
class Column:
    name: str
    alias: str
    required: bool
    help: str


GROUP_COLUMNS = (
    Column("group_code", "kode_kelompok", True, gettext_lazy("Unique code of the group; the key.")),
    Column("name", "nama_kelompok", True, gettext_lazy("Name of the group.")),
    Column("province", "provinsi", True, gettext_lazy("Province name, e.g. Bali.")),
    Column(
        "regency",
        "kabupaten_kota",
        True,
        gettext_lazy("Kabupaten or kota, inside the province, e.g. Kab. Klungkung."),
    ),
    Column("district", "kecamatan", False, gettext_lazy("Kecamatan inside the regency.")),
    Column("village", "desa_kelurahan", False, gettext_lazy("Desa or kelurahan.")),
    Column("leader", "ketua", False, gettext_lazy("Name of the group leader.")),
    Column("phone", "telepon", True, gettext_lazy("Indonesian phone number, e.g. 0812-3456-7801.")),
    Column("email", "email", False, gettext_lazy("Email address of the group.")),
    Column("founded_year", "tahun_berdiri", False, gettext_lazy("Year founded, 1970 or later.")),
    Column("partners", "mitra", False, gettext_lazy("Partner names separated by |.")),
)

PRODUCT_COLUMNS = (
    Column("group_code", "kode_kelompok", True, gettext_lazy("Code of an existing group.")),
    Column("sku", "sku", True, gettext_lazy("Unique code of the variant; the key.")),
    Column(
        "parent_sku",
        "sku_induk",
        False,
        gettext_lazy("Rows sharing it are variants of one product."),
    ),
    Column("name", "nama_produk", True, gettext_lazy("Product name, at most 200 characters.")),
    Column(
        "category",
        "kategori",
        True,
        gettext_lazy("Category name (Indonesian or English), slug, or Parent > Child."),
    ),
    Column("price", "harga", True, gettext_lazy("Price in whole rupiah, e.g. Rp 25.000.")),
    Column("stock", "stok", False, gettext_lazy("Stock held by the group, 0 or more.")),
    Column("weight", "berat", True, gettext_lazy("Weight, e.g. 250 g, 0,25 kg, 2 ons.")),
    Column("description", "deskripsi", False, gettext_lazy("Description; simple HTML allowed.")),
    Column(
        "options", "varian", False, gettext_lazy("Variant options, e.g. Aroma=Sereh; Ukuran=Kecil.")
    ),
    Column(
        "images",
        "gambar",
        False,
        gettext_lazy("Image file names or http(s) URLs separated by |."),
    ),
    Column("halal_number", "no_halal", False, gettext_lazy("Halal certificate number.")),
    Column("permit_number", "izin_edar", False, gettext_lazy("P-IRT or BPOM permit number.")),
    # Issue 18: wholesale offer for approved partners (all four together, or none).
    Column(
        "wholesale_tiers",
        "harga_grosir",
        False,
        gettext_lazy("Wholesale tiers quantity:price separated by |, e.g. 50:12000 | 200:10500."),
    ),
    Column("moq", "minimal_pesan", False, gettext_lazy("Minimum wholesale order, in units.")),
    Column("lead_time_days", "waktu_produksi", False, gettext_lazy("Lead time in days.")),
    Column("monthly_capacity", "kapasitas_bulanan", False, gettext_lazy("Units per month.")),
)

COLUMNS = {"groups": GROUP_COLUMNS, "products": PRODUCT_COLUMNS}


def normalize_header(text: object) -> str:
    """``' Kode Kelompok '`` → ``kode_kelompok``; ``Kabupaten/Kota`` → ``kabupaten_kota``."""
    text = str(text or "").replace("\ufeff", "").replace("\u00a0", " ").strip().lower()
    return _UNDERSCORES.sub("_", _SEPARATORS.sub("_", text)).strip("_")


@dataclass(frozen=True)
class HeaderMap:
    """Which position of the row holds which canonical column; ``unknown`` are ignored headers."""

    positions: dict  # canonical name → index
    unknown: tuple


def match_header(cells: list, columns: tuple[Column, ...]) -> HeaderMap:
    """Map the header row to the columns, or raise ImportFileError naming what is missing."""
    by_name = {}
    for column in columns:
        by_name[column.name] = column.name
        by_name[column.alias] = column.name
    positions: dict[str, int] = {}
    unknown = []
    for index, cell in enumerate(cells):
        key = normalize_header(cell)
        if not key:
            continue
        name = by_name.get(key)
        if name is None:
            unknown.append(str(cell).strip())
            continue
        if name in positions:
            raise ImportFileError(
                ImportErrorCode.DUPLICATE_COLUMN,
                _("The column “%(column)s” appears twice in the header row.") % {"column": name},
                field=name,
            )
        positions[name] = index
    missing = [c for c in columns if c.required and c.name not in positions]
    if missing:
        names = ", ".join(f"{c.name} ({c.alias})" for c in missing)
        raise ImportFileError(
            ImportErrorCode.MISSING_COLUMN,
            _("Required columns are missing from the header row: %(columns)s.")
            % {"columns": names},
            field=missing[0].name,
        )
    return HeaderMap(positions, tuple(unknown))
