"""Checking spreadsheet rows: each cell against its rule, each row against the file and database.

A validator turns a raw row into a ``Checked`` row: its key, the normalized values, and the errors
and warnings per column. It never writes. Database look-ups are made once per batch of rows.
"""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from marketplace.catalog.models import Category, Product, ProductVariant, Stock
from marketplace.core.errors import DomainError
from marketplace.core.images import validate_image_bytes
from marketplace.core.phones import normalize_phone
from marketplace.core.sanitize import sanitize_html
from marketplace.groups.models import UppksGroup
from marketplace.partners.wholesale import validate_offer_numbers, validate_tiers
from marketplace.regions import lookup
from marketplace.regions.models import District

from . import values
from .columns import HeaderMap
from .errors import ImportErrorCode as Code
from .errors import Issue
from .images import ImageSource
from .readers import Row

_URL = URLValidator(schemes=["http", "https"])
_CATEGORY_SEPARATORS = re.compile(r"\s*[>›»/]\s*")
_REGION_CODES = {
    "not_found": None,  # set per column
    "ambiguous": Code.AMBIGUOUS_REGENCY,
    "not_in_province": Code.REGENCY_NOT_IN_PROVINCE,
    "required": Code.REQUIRED,
}


@dataclass
class Checked:
    row: int
    key: str
    normalized: dict
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def error(self, column: str, code: Code, message: str) -> None:
        self.errors.append(Issue(column, code, message))

    def warn(self, column: str, code: Code, message: str) -> None:
        self.warnings.append(Issue(column, code, message))


class RowReader:
    """Values of one row by canonical column name; absent columns read as None."""

    def __init__(self, header: HeaderMap):
        self.positions = header.positions

    def present(self, column: str) -> bool:
        return column in self.positions

    def raw(self, row: Row, column: str):
        position = self.positions.get(column)
        if position is None or position >= len(row.cells):
            return None if position is None else ""
        return row.cells[position]

    def formula_columns(self, row: Row) -> list[str]:
        return [name for name, pos in self.positions.items() if pos in row.formulas]


def _check_length(checked: Checked, column: str, value: str, limit: int) -> str:
    if len(value) > limit:
        checked.error(
            column,
            Code.TOO_LONG,
            _("At most %(limit)s characters (this has %(length)s).")
            % {"limit": limit, "length": len(value)},
        )
    return value


def _required(checked: Checked, column: str, value: str) -> bool:
    if not value:
        checked.error(column, Code.REQUIRED, _("This column is required."))
        return False
    return True


def _flag_formulas(checked: Checked, reader: RowReader, row: Row) -> None:
    if not row.formulas:
        return
    for column in reader.formula_columns(row):
        checked.warn(
            column,
            Code.FORMULA_AS_TEXT,
            _("The cell holds a formula; it was read as text and not calculated."),
        )


def _out_of_scope(province_code: str) -> str:
    return _("You may import only for your own province (code %(code)s).") % {"code": province_code}


class GroupValidator:
    kind = "groups"

    def __init__(self, header: HeaderMap, *, province_code: str | None = None):
        self.reader = RowReader(header)
        self.province_code = province_code
        self.seen: dict[str, int] = {}
        self._districts: dict[str, dict] = {}

    def check(self, row: Row) -> Checked:
        r = self.reader
        code = values.text(r.raw(row, "group_code"))
        checked = Checked(row.number, code, {"group_code": code})
        norm = checked.normalized
        if _required(checked, "group_code", code):
            _check_length(checked, "group_code", code, 40)
            if code in self.seen:
                checked.error("group_code", Code.DUPLICATED_IN_FILE, _dup(self.seen[code]))
            else:
                self.seen[code] = row.number
        norm["name"] = values.text(r.raw(row, "name"))
        if _required(checked, "name", norm["name"]):
            _check_length(checked, "name", norm["name"], 200)
        self._check_region(checked, row)
        for column, limit in (("village", 100), ("leader", 150)):
            if r.present(column):
                norm[column] = _check_length(
                    checked, column, values.text(r.raw(row, column)), limit
                )
        try:
            norm["phone"] = normalize_phone(r.raw(row, "phone"))
        except ValidationError as exc:
            code_ = Code.REQUIRED if exc.code == "required" else Code.INVALID_PHONE
            checked.error("phone", code_, exc.messages[0])
        if r.present("email"):
            norm["email"] = values.text(r.raw(row, "email")).lower()
            if norm["email"]:
                try:
                    validate_email(norm["email"])
                except ValidationError:
                    checked.error(
                        "email",
                        Code.INVALID_EMAIL,
                        _("“%(value)s” is not an email address.") % {"value": norm["email"]},
                    )
        year = values.text(r.raw(row, "founded_year"))
        if year:
            try:
                norm["founded_year"] = values.parse_year(year)
            except ValueError as exc:
                checked.error("founded_year", Code.INVALID_YEAR, str(exc))
        if r.present("partners"):
            norm["partners"] = values.split_list(r.raw(row, "partners"))
            for name in norm["partners"]:
                _check_length(checked, "partners", name, 200)
        _flag_formulas(checked, r, row)
        return checked

    def _check_region(self, checked: Checked, row: Row) -> None:
        r, norm = self.reader, checked.normalized
        province_text = values.text(r.raw(row, "province"))
        regency_text = values.text(r.raw(row, "regency"))
        province_code = None
        try:
            province_code = lookup.find_province_code(province_text)
            norm["province_code"] = province_code
        except lookup.RegionLookupError as exc:
            code = Code.REQUIRED if exc.code == "required" else Code.UNKNOWN_PROVINCE
            checked.error("province", code, exc.message)
        try:
            norm["regency_code"] = lookup.find_regency_code(regency_text, province_code)
        except lookup.RegionLookupError as exc:
            code = _REGION_CODES.get(exc.code) or Code.UNKNOWN_REGENCY
            checked.error("regency", code, exc.message)
            return
        if self.province_code and not norm["regency_code"].startswith(f"{self.province_code}."):
            checked.error("province", Code.OUT_OF_SCOPE, _out_of_scope(self.province_code))
        district_text = values.text(r.raw(row, "district"))
        if r.present("district"):
            norm["district_code"] = ""
        if district_text:
            self._check_district(checked, norm["regency_code"], district_text)

    def _check_district(self, checked: Checked, regency_code: str, text: str) -> None:
        if regency_code not in self._districts:
            self._districts[regency_code] = {
                _district_key(name): code
                for code, name in District.objects.filter(regency_id=regency_code).values_list(
                    "code", "name"
                )
            }
        districts = self._districts[regency_code]
        key = _district_key(text)
        if key in districts:
            checked.normalized["district_code"] = districts[key]
            return
        close = difflib.get_close_matches(key, list(districts), n=1, cutoff=0.75)
        message = _("Unknown district (kecamatan) “%(value)s” in this regency.") % {"value": text}
        if close:
            message += " " + _("Did you mean “%(suggestion)s”?") % {"suggestion": close[0].title()}
        checked.error("district", Code.UNKNOWN_DISTRICT, message)

    def check_batch(self, batch: Sequence[Checked]) -> None:
        """Groups need no database check beyond their regions: the code is the key."""


def _district_key(text: str) -> str:
    return re.sub(r"^(kecamatan|kec)\s+", "", lookup.normalize(text))


def _dup(first_row: int) -> str:
    return _("The same key is already used in row %(row)s.") % {"row": first_row}


class CategoryIndex:
    """Categories by id, slug, Indonesian or English name, or path ``Parent > Child``."""

    def __init__(self):
        categories = {c.pk: c for c in Category.objects.all()}
        for category in categories.values():
            if category.parent_id:
                category.parent = categories[category.parent_id]
        self.by_key: dict[str, Category] = {}
        self._found: dict[str, Category] = {}  # the same few spellings recur on every row
        for category in categories.values():
            names = {category.name, category.name_en} - {""}
            self.by_key[str(category.pk)] = category
            self.by_key[category.slug.lower()] = category
            for name in names:
                self.by_key.setdefault(_category_key(name), category)
                if category.parent_id:
                    for parent_name in {category.parent.name, category.parent.name_en} - {""}:
                        path = f"{_category_key(parent_name)} > {_category_key(name)}"
                        self.by_key[path] = category
        self.labels = {
            _category_key(c.name): (f"{c.parent.name} > {c.name}" if c.parent_id else c.name)
            for c in categories.values()
        }

    def find(self, text: str) -> Category:
        if text in self._found:
            return self._found[text]
        category = self._find(text)
        self._found[text] = category
        return category

    def _find(self, text: str) -> Category:
        key = _category_key(text)
        if key in self.by_key:
            return self.by_key[key]
        leaf = key.rsplit(" > ", 1)[-1]
        close = difflib.get_close_matches(leaf, list(self.labels), n=1, cutoff=0.6)
        message = _("Unknown category “%(value)s”.") % {"value": text}
        if close:
            message += " " + _("Did you mean “%(suggestion)s”?") % {
                "suggestion": self.labels[close[0]]
            }
        raise ValueError(message)


def _category_key(text: str) -> str:
    parts = _CATEGORY_SEPARATORS.split(str(text).strip().lower())
    return " > ".join(" ".join(part.replace("&", " & ").split()) for part in parts if part)


class ProductValidator:
    kind = "products"

    def __init__(
        self,
        header: HeaderMap,
        *,
        images: ImageSource | None = None,
        province_code: str | None = None,
    ):
        self.reader = RowReader(header)
        self.province_code = province_code
        self.group_provinces: dict[str, str] = {}
        self.images = images
        self.categories = CategoryIndex()
        self.seen: dict[str, int] = {}
        self.parents: dict[str, str] = {}  # parent SKU → the group of its first row
        self._problems: dict[tuple, list] = {}
        self.groups: dict[str, int | None] = {}
        self._image_checks: dict[str, Issue | None | str] = {}

    def check(self, row: Row) -> Checked:
        r = self.reader
        sku = values.text(r.raw(row, "sku"))
        checked = Checked(row.number, sku, {"sku": sku})
        norm = checked.normalized
        if _required(checked, "sku", sku):
            _check_length(checked, "sku", sku, 64)
            if sku in self.seen:
                checked.error("sku", Code.DUPLICATED_IN_FILE, _dup(self.seen[sku]))
            else:
                self.seen[sku] = row.number
        norm["group_code"] = values.text(r.raw(row, "group_code"))
        _required(checked, "group_code", norm["group_code"])
        norm["parent_sku"] = _check_length(
            checked, "parent_sku", values.text(r.raw(row, "parent_sku")), 64
        )
        norm["name"] = values.text(r.raw(row, "name"))
        if _required(checked, "name", norm["name"]):
            _check_length(checked, "name", norm["name"], 200)
        category = self._check_category(checked, values.text(r.raw(row, "category")))
        self._parse(checked, "price", values.parse_price, Code.INVALID_PRICE, "price", row)
        self._parse(checked, "weight", values.parse_weight, Code.INVALID_WEIGHT, "weight_g", row)
        norm["stock"] = None
        if values.text(r.raw(row, "stock")):
            self._parse(checked, "stock", values.parse_count, Code.INVALID_STOCK, "stock", row)
        norm["options"] = {}
        if values.text(r.raw(row, "options")):
            self._parse(
                checked, "options", values.parse_options, Code.INVALID_OPTIONS, "options", row
            )
        norm["description"] = (
            sanitize_html(values.text(r.raw(row, "description")))
            if r.present("description")
            else None
        )
        for column in ("halal_number", "permit_number"):
            norm[column] = (
                _check_length(checked, column, values.text(r.raw(row, column)), 60)
                if r.present(column)
                else None
            )
        norm["images"] = values.split_list(r.raw(row, "images"))
        norm["wholesale"] = check_wholesale(checked, r, row)
        self._check_images(checked)
        self._check_parent(checked)
        if category is not None:
            self._check_publication(checked, category)
        _flag_formulas(checked, r, row)
        return checked

    def _parse(self, checked, column, parser, code, target, row) -> None:
        raw = self.reader.raw(row, column)
        try:
            checked.normalized[target] = parser(raw)
        except ValueError as exc:
            blank = not values.text(raw)
            checked.error(column, Code.REQUIRED if blank else code, str(exc))

    def _check_category(self, checked: Checked, text: str) -> Category | None:
        if not _required(checked, "category", text):
            return None
        try:
            category = self.categories.find(text)
        except ValueError as exc:
            checked.error("category", Code.UNKNOWN_CATEGORY, str(exc))
            return None
        checked.normalized["category"] = category.slug
        checked.normalized["category_id"] = category.pk
        return category

    def _check_parent(self, checked: Checked) -> None:
        norm = checked.normalized
        if not norm["parent_sku"]:
            return
        group = self.parents.setdefault(norm["parent_sku"], norm["group_code"])
        if group != norm["group_code"]:
            checked.error(
                "parent_sku",
                Code.PARENT_MISMATCH,
                _("Rows with parent SKU %(parent)s belong to another group (%(group)s).")
                % {"parent": norm["parent_sku"], "group": group},
            )

    def _check_publication(self, checked: Checked, category: Category) -> None:
        norm = checked.normalized
        permit, halal = (norm["permit_number"] or "").strip(), (norm["halal_number"] or "").strip()
        key = (category.pk, bool(permit), bool(halal))
        if key not in self._problems:  # the answer depends only on these three
            product = Product(category=category, permit_number=permit, halal_number=halal)
            self._problems[key] = product.publication_problems()
        for code, message in self._problems[key]:
            column = "permit_number" if code == "permit_required" else "halal_number"
            checked.warn(
                column,
                Code(code),
                _("%(problem)s The product is imported unpublished.") % {"problem": message},
            )

    def _check_images(self, checked: Checked) -> None:
        for name in checked.normalized["images"]:
            if name.lower().startswith(("http://", "https://")):
                try:
                    _URL(name)
                except ValidationError:
                    checked.error(
                        "images",
                        Code.INVALID,
                        _("“%(value)s” is not a valid URL.") % {"value": name},
                    )
                continue
            if name not in self._image_checks:
                self._image_checks[name] = self._check_image_file(name)
            issue = self._image_checks[name]
            if issue is None:
                continue
            if issue.code == Code.IMAGE_MISSING:
                checked.warnings.append(issue)
            else:
                checked.errors.append(issue)

    def _check_image_file(self, name: str) -> Issue | None:
        data = self.images.read(name) if self.images else None
        if data is None:
            return Issue(
                "images",
                Code.IMAGE_MISSING,
                _("Image “%(name)s” was not found; the product is imported without it.")
                % {"name": name},
            )
        try:
            validate_image_bytes(data)
        except ValidationError as exc:
            return Issue("images", Code.INVALID_IMAGE, f"{name}: {exc.messages[0]}")
        return None

    def check_batch(self, batch: Sequence[Checked]) -> None:
        """Groups exist; SKUs of other groups are never touched; stock stays above reservations."""
        codes = {c.normalized["group_code"] for c in batch} - set(self.groups)
        if codes:
            found = {
                code: (pk, province)
                for code, pk, province in UppksGroup.objects.filter(code__in=codes).values_list(
                    "code", "pk", "regency__province_id"
                )
            }
            for code in codes:
                self.groups[code], self.group_provinces[code] = found.get(code, (None, ""))
        skus = [c.key for c in batch if c.key]
        variants = {
            row[0]: row
            for row in ProductVariant.objects.filter(sku__in=skus).values_list(
                "sku", "pk", "product__group_id", "product__name", "product__group__code"
            )
        }
        stocks = {
            (variant_id, group_id): allocated
            for variant_id, group_id, allocated in Stock.objects.filter(
                variant__sku__in=skus
            ).values_list("variant_id", "group_id", "quantity_allocated")
        }
        for checked in batch:
            self._check_against_database(checked, variants, stocks)

    def _check_against_database(self, checked: Checked, variants: dict, stocks: dict) -> None:
        norm = checked.normalized
        group_id = self.groups.get(norm["group_code"])
        if norm["group_code"] and group_id is None:
            checked.error(
                "group_code",
                Code.UNKNOWN_GROUP,
                _("There is no group with code “%(code)s”; import the groups first.")
                % {"code": norm["group_code"]},
            )
            return
        norm["group_id"] = group_id
        if (
            self.province_code
            and self.group_provinces.get(norm["group_code"]) != self.province_code
        ):
            checked.error("group_code", Code.OUT_OF_SCOPE, _out_of_scope(self.province_code))
            return
        variant = variants.get(checked.key)
        if variant is None:
            return
        _sku, variant_id, owner_group_id, product_name, owner_code = variant
        if owner_group_id != group_id:
            checked.error(
                "sku",
                Code.OTHER_GROUP_PRODUCT,
                _(
                    "SKU %(sku)s already belongs to “%(product)s” of group %(group)s; "
                    "it is not changed."
                )
                % {"sku": checked.key, "product": product_name, "group": owner_code},
            )
            return
        allocated = stocks.get((variant_id, group_id))
        wanted = norm.get("stock")
        if allocated is not None and wanted is not None and wanted < allocated:
            checked.error(
                "stock",
                Code.STOCK_BELOW_ALLOCATED,
                _("%(allocated)s items are reserved by orders; the stock cannot be %(stock)s.")
                % {"allocated": allocated, "stock": wanted},
            )


WHOLESALE_COLUMNS = ("wholesale_tiers", "moq", "lead_time_days", "monthly_capacity")


def check_wholesale(checked: Checked, reader: RowReader, row: Row) -> dict | None:
    """The row's wholesale offer (issue 18), validated like the portal does, or None."""
    raw = {c: values.text(reader.raw(row, c)) for c in WHOLESALE_COLUMNS}
    if not any(raw.values()):
        return None
    missing = [c for c, v in raw.items() if not v]
    if missing:
        checked.error(
            missing[0],
            Code.INVALID_WHOLESALE,
            _(
                "A wholesale offer needs all of: harga_grosir, minimal_pesan, waktu_produksi, "
                "kapasitas_bulanan."
            ),
        )
        return None
    try:
        numbers = {c: values.parse_count(raw[c]) for c in WHOLESALE_COLUMNS[1:]}
        tiers = []
        for part in values.split_list(raw["wholesale_tiers"]):
            quantity, sep, price = part.replace("=", ":").partition(":")
            if not sep:
                raise ValueError(_("Write each tier as quantity:price, e.g. 50:12000."))
            tiers.append((values.parse_count(quantity), values.parse_price(price)))
    except ValueError as exc:
        checked.error("wholesale_tiers", Code.INVALID_WHOLESALE, str(exc))
        return None
    price = checked.normalized.get("price")
    if price:
        try:
            validate_offer_numbers(
                numbers["moq"], numbers["lead_time_days"], numbers["monthly_capacity"]
            )
            validate_tiers(tiers, min_order_quantity=numbers["moq"], retail_price=price)
        except DomainError as exc:
            checked.error("wholesale_tiers", Code.INVALID_WHOLESALE, exc.message)
            return None
    return {
        "tiers": tiers,
        "min_order_quantity": numbers["moq"],
        "lead_time_days": numbers["lead_time_days"],
        "monthly_capacity": numbers["monthly_capacity"],
    }
