"""Error and warning codes of the importer: a stable API that reports and scripts branch on.

Codes that also exist in the API keep the API's spelling (``required``, ``invalid``, ``not_found``,
``unique``). Messages are for people, in the active language, and may change.
"""

from dataclasses import dataclass
from enum import StrEnum

from marketplace.core.errors import DomainError


class ImportErrorCode(StrEnum):
    # file level: nothing is read, nothing is written
    NOT_A_SPREADSHEET = "not_a_spreadsheet"
    EMPTY_FILE = "empty_file"
    NO_DATA_ROWS = "no_data_rows"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    FILE_TOO_LARGE = "file_too_large"
    SHEET_NOT_FOUND = "sheet_not_found"
    UNSAFE_ARCHIVE = "unsafe_archive"
    ARCHIVE_TOO_LARGE = "archive_too_large"
    IMAGES_NOT_FOUND = "images_not_found"
    STORAGE_UNAVAILABLE = "storage_unavailable"  # photo store down: the batch is rolled back
    # row level: errors
    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    DUPLICATED_IN_FILE = "duplicated_in_file"
    TOO_LONG = "too_long"
    INVALID_PRICE = "invalid_price"
    INVALID_WEIGHT = "invalid_weight"
    INVALID_STOCK = "invalid_stock"
    INVALID_PHONE = "invalid_phone"
    INVALID_EMAIL = "invalid_email"
    INVALID_YEAR = "invalid_year"
    INVALID_OPTIONS = "invalid_options"
    UNKNOWN_PROVINCE = "unknown_province"
    UNKNOWN_REGENCY = "unknown_regency"
    AMBIGUOUS_REGENCY = "ambiguous_regency"
    REGENCY_NOT_IN_PROVINCE = "regency_not_in_province"
    UNKNOWN_DISTRICT = "unknown_district"
    UNKNOWN_CATEGORY = "unknown_category"
    UNKNOWN_GROUP = "unknown_group"
    OTHER_GROUP_PRODUCT = "other_group_product"
    OUT_OF_SCOPE = "out_of_scope"
    PARENT_MISMATCH = "parent_mismatch"
    STOCK_BELOW_ALLOCATED = "stock_below_allocated"
    INVALID_IMAGE = "invalid_image"
    INVALID_WHOLESALE = "invalid_wholesale"
    # row level: warnings (the row is imported)
    PERMIT_REQUIRED = "permit_required"
    HALAL_REQUIRED = "halal_required"
    IMAGE_MISSING = "image_missing"
    FORMULA_AS_TEXT = "formula_as_text"
    UNKNOWN_COLUMN = "unknown_column"


@dataclass(frozen=True)
class Issue:
    """One problem with one cell (``column`` is the canonical English column name, or "")."""

    column: str
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"column": self.column, "code": str(self.code), "message": self.message}


class ImportFileError(DomainError):
    """The file as a whole cannot be imported (not a spreadsheet, empty, unsafe archive, …)."""
