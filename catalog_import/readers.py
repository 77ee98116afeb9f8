"""Streaming the rows of a CSV or XLSX file, whatever Excel did to it.

CSV: comma, semicolon or tab; UTF-8 with or without BOM, else Windows-1252; CRLF or LF.
XLSX: the first sheet or a named one, read with openpyxl in read-only mode without evaluating
formulas (a formula cell is read as its text, ``=SUM(A1:A3)``, and flagged).
Rows are numbered as the spreadsheet numbers them: the header is row 1.
"""

import codecs
import csv
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ImportErrorCode, ImportFileError

_CHUNK = 1 << 20
_BINARY_MAGIC = (
    (b"\xd0\xcf\x11\xe0", "xls"),
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "rar"),
)


@dataclass
class Row:
    number: int
    cells: list
    formulas: set = field(default_factory=set)  # positions whose cell held a formula


@dataclass
class Sheet:
    """A header and an iterator of data rows (use once)."""

    kind: str  # "csv" or "xlsx"
    header: list
    rows: Iterator[Row]
    encoding: str = ""
    delimiter: str = ""


def check_size(path: str) -> int:
    size = os.path.getsize(path)
    limit = settings.IMPORT_MAX_FILE_BYTES
    if size > limit:
        raise ImportFileError(
            ImportErrorCode.FILE_TOO_LARGE,
            _("The file is too large (%(size)s MB; at most %(max)s MB).")
            % {"size": round(size / 1_048_576, 1), "max": round(limit / 1_048_576, 1)},
        )
    if size == 0:
        raise ImportFileError(ImportErrorCode.EMPTY_FILE, _("The file is empty."))
    return size


def open_sheet(path: str, *, sheet: str | None = None) -> Sheet:
    """Open ``path`` as a spreadsheet; ImportFileError for anything that is not one."""
    check_size(path)
    with open(path, "rb") as handle:
        head = handle.read(8192)
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path, sheet)
    for magic, _kind in _BINARY_MAGIC:
        if head.startswith(magic):
            raise _not_a_spreadsheet()
    if b"\x00" in head:
        raise _not_a_spreadsheet()
    return _open_csv(path)


def _not_a_spreadsheet() -> ImportFileError:
    return ImportFileError(
        ImportErrorCode.NOT_A_SPREADSHEET,
        _("The file is not a spreadsheet: upload a CSV or an Excel .xlsx file."),
    )


def _empty() -> ImportFileError:
    return ImportFileError(
        ImportErrorCode.EMPTY_FILE, _("The file is empty: it has no header row.")
    )


def _detect_encoding(path: str) -> str:
    """UTF-8 (with or without BOM) when every byte decodes as UTF-8, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        first = True
        while chunk := handle.read(_CHUNK):
            if first and chunk.startswith(codecs.BOM_UTF8):
                chunk = chunk[3:]
            first = False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return "cp1252"
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _sniff_delimiter(line: str) -> str:
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _open_csv(path: str) -> Sheet:
    encoding = _detect_encoding(path)
    handle = open(path, encoding=encoding, errors="replace", newline="")  # noqa: SIM115
    first_line = handle.readline()
    handle.seek(0)
    if not first_line.strip():
        rest = handle.read(4096)
        handle.close()
        if not rest.strip():
            raise _empty()
        raise ImportFileError(
            ImportErrorCode.MISSING_COLUMN, _("The first row must be the header row.")
        )
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(handle, delimiter=delimiter)
    header = next(reader)

    def rows() -> Iterator[Row]:
        try:
            for number, cells in enumerate(reader, start=2):
                if any(cell.strip() for cell in cells):
                    yield Row(number, cells)
        except csv.Error as exc:
            raise ImportFileError(
                ImportErrorCode.NOT_A_SPREADSHEET,
                _("The CSV file cannot be read near row %(row)s: %(error)s")
                % {"row": reader.line_num, "error": exc},
            ) from None
        finally:
            handle.close()

    return Sheet("csv", header, rows(), encoding=encoding, delimiter=delimiter)


def check_archive(archive: zipfile.ZipFile, *, max_bytes: int, what: str) -> None:
    """Refuse zip bombs and path traversal before reading anything from an archive."""
    total = 0
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name.split("/")[0]:
            raise ImportFileError(
                ImportErrorCode.UNSAFE_ARCHIVE,
                _("The %(what)s contains an unsafe path “%(name)s”.")
                % {"what": what, "name": info.filename},
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > max_bytes or (info.file_size > 1_048_576 and ratio > 200):
            raise ImportFileError(
                ImportErrorCode.ARCHIVE_TOO_LARGE,
                _("The %(what)s unpacks to more than %(max)s MB; it is refused.")
                % {"what": what, "max": round(max_bytes / 1_048_576)},
            )


def _open_xlsx(path: str, sheet_name: str | None) -> Sheet:
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise _not_a_spreadsheet()
            check_archive(
                archive, max_bytes=settings.IMPORT_MAX_UNZIPPED_BYTES, what=_("spreadsheet")
            )
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001 - any damage to the file means "not a spreadsheet"
        raise _not_a_spreadsheet() from None
    if sheet_name:
        if sheet_name not in workbook.sheetnames:
            workbook.close()
            raise ImportFileError(
                ImportErrorCode.SHEET_NOT_FOUND,
                _("The workbook has no sheet “%(sheet)s” (sheets: %(sheets)s).")
                % {"sheet": sheet_name, "sheets": ", ".join(workbook.sheetnames)},
            )
        worksheet = workbook[sheet_name]
    else:
        worksheet = workbook.worksheets[0]
    # values only (much faster than cell objects); with data_only=False a formula cell's value
    # is its formula text, which is how it is read: never evaluated
    iterator = worksheet.iter_rows(values_only=True)
    header = None
    for cells in iterator:
        header = ["" if value is None else str(value) for value in cells]
        break
    if header is None or not any(h.strip() for h in header):
        workbook.close()
        raise _empty()

    def rows() -> Iterator[Row]:
        try:
            for number, cells in enumerate(iterator, start=2):
                if all(value is None or value == "" for value in cells):
                    continue
                formulas = {
                    position
                    for position, value in enumerate(cells)
                    if isinstance(value, str) and value.startswith("=")
                }
                yield Row(number, list(cells), formulas)
        finally:
            workbook.close()

    return Sheet("xlsx", header, rows())
